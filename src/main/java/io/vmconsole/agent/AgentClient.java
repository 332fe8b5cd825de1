package io.vmconsole.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The calls of one node agent that the controller uses (node-agent/API.md v1). Behind an interface
 * so the controller can be unit-tested and benchmarked against a simulated hypervisor.
 */
public interface AgentClient {

  boolean healthy();

  /**
   * GET /v1/capabilities (accelerator, QEMU version, pools); empty when the agent does not answer.
   */
  default Optional<JsonNode> capabilities() {
    return Optional.empty();
  }

  /**
   * Where the agent listens, as its peers reach it (a migration's source connects to the target).
   */
  default String baseUrl() {
    throw new AgentException(501, "this agent has no URL for its peers");
  }

  List<AgentVm> vms();

  Optional<AgentVm> vm(String vmId);

  /** Defines (or redefines, for the next start) the VM. */
  AgentVm define(String vmId, AgentVmSpec spec);

  /** Starts QEMU; a VM whose QEMU already runs is a {@link AgentException} with status 409. */
  AgentVm start(String vmId);

  AgentVm stop(String vmId, boolean graceful, long timeoutSeconds);

  AgentVm reset(String vmId);

  /** Force-stops and forgets the VM; an unknown VM is not an error. */
  void delete(String vmId);

  /** The last power-on's serial output (up to 1 MiB). */
  byte[] serialLog(String vmId);

  /** POST /v1/vms/{vmId}/disks: hot-plugs one disk (a spec's disk object) into the running VM. */
  default AgentVm attachDisk(String vmId, AgentDisk disk) {
    throw new AgentException(501, "this agent does not hot-plug disks");
  }

  /**
   * DELETE /v1/vms/{vmId}/disks/{diskId}: unplugs it once the guest let go; a disk not attached is
   * not an error.
   */
  default void detachDisk(String vmId, String diskId) {
    throw new AgentException(501, "this agent does not hot-plug disks");
  }

  /** Events after {@code after}, waiting up to timeoutSeconds for the first. */
  EventBatch events(long after, int timeoutSeconds);

  /** Image info of a disk ("disks") or image ("images") in the pools, empty when absent. */
  Optional<JsonNode> storageObject(String collection, String uid);

  /** {@link #storageObject}, typed. */
  default Optional<PoolFile> poolFile(String collection, String uid) {
    return storageObject(collection, uid).map(PoolFile::of);
  }

  /** POST /v1/storage/disks: blank (sizeBytes) or from an image (overlay). */
  PoolFile createDisk(DiskCreateRequest request);

  void deleteStorageObject(String collection, String uid);

  /** POST /v1/storage/imports → the job. */
  AgentJob importImage(ImageImportRequest request);

  Optional<AgentJob> job(String jobId);

  /**
   * POST /v1/migrations/incoming on the target: starts a paused QEMU waiting for the stream; the
   * answer carries the one-use ticket for the source.
   */
  default AgentMigration prepareIncoming(IncomingMigration request) {
    throw new AgentException(501, "this agent does not migrate");
  }

  /** POST /v1/vms/{vmId}/migrate on the source: starts sending the VM to the prepared target. */
  default AgentMigration migrate(String vmId, MigrationSend request) {
    throw new AgentException(501, "this agent does not migrate");
  }

  /** The migrations this agent knows, active and finished (both roles). */
  default List<AgentMigration> migrations() {
    return List.of();
  }

  default Optional<AgentMigration> migration(String migrationId) {
    return Optional.empty();
  }

  /** Cancels an active migration, forgets a finished one; an unknown id is not an error. */
  default void cancelMigration(String migrationId) {}

  /** PATCH: maxBandwidthBytesPerSecond and autoConverge take effect at once. */
  default AgentMigration updateMigration(String migrationId, MigrationChange change) {
    throw new AgentException(501, "this agent does not migrate");
  }

  /** A page of the agent's event stream; resync means "re-read every VM". */
  record EventBatch(List<JsonNode> events, long lastSeq, boolean resync) {
    /** The VMs the events are about, in order (an event about the agent itself names none). */
    public List<String> vmIds() {
      return events.stream()
          .filter(e -> e.hasNonNull("vmId"))
          .map(e -> e.get("vmId").asText())
          .toList();
    }
  }
}
