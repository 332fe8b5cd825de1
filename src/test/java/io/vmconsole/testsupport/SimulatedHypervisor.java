package io.vmconsole.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentMigration;
import io.vmconsole.agent.AgentVm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated hypervisor: a node agent (node-agent/API.md) that keeps VMs in memory and "runs" them
 * at once, so the control plane can be tested without QEMU (reconciler unit tests) and measured at
 * a scale no real host holds (benchmarks). Migrations between the agents of one {@link #hosts} set
 * follow the agents' commit rule; how each ends is the test's choice ({@link #nextMigrations}).
 */
public final class SimulatedHypervisor implements AgentClient {
  /** How the next migrations sent from this agent go. */
  public enum MigrationOutcome {
    /**
     * Committed at once: the VM runs on the target, the source's copy is stopped ("migrated to …").
     */
    SUCCEED,
    /** Refused by QEMU: the VM keeps running on the source. */
    FAIL,
    /** Sending and never converging (the memory left stays the same) until cancelled. */
    HOLD
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String node;
  private final Map<String, SimulatedHypervisor> peers;
  private final Map<String, ObjectNode> vms = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> migrations = new ConcurrentHashMap<>();
  private final AtomicLong pids = new AtomicLong(100_000);
  private volatile MigrationOutcome outcome = MigrationOutcome.SUCCEED;
  private volatile boolean healthy = true;
  private volatile boolean holdStops;
  private final Map<String, String> refuseStarts = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger startsRefused =
      new java.util.concurrent.atomic.AtomicInteger();
  private final List<ObjectNode> events = new ArrayList<>();
  private long seq;

  private SimulatedHypervisor(String node, Map<String, SimulatedHypervisor> peers) {
    this.node = node;
    this.peers = peers;
  }

  /** One agent per node, node-1 … node-n, that can migrate to one another. */
  public static Map<String, SimulatedHypervisor> hosts(int n) {
    Map<String, SimulatedHypervisor> hosts = new LinkedHashMap<>();
    for (int i = 1; i <= n; i++) {
      hosts.put("node-" + i, new SimulatedHypervisor("node-" + i, hosts));
    }
    return hosts;
  }

  public String node() {
    return node;
  }

  public void nextMigrations(MigrationOutcome outcome) {
    this.outcome = outcome;
  }

  /** An agent that stops answering (health false, every call fails) or answers again. */
  public void answering(boolean answering) {
    this.healthy = answering;
  }

  public int running() {
    return (int)
        vms.values().stream().filter(v -> v.path("state").asText().equals("Running")).count();
  }

  /** The VM as this agent has it; empty when it does not know it. */
  public Optional<AgentVm> known(String vmId) {
    return Optional.ofNullable(vms.get(vmId)).map(AgentVm::of);
  }

  /** The guest powers itself off (the agent reports a stop it was not asked for). */
  public void guestPowersOff(String vmId) {
    vms.get(vmId)
        .put("state", "Stopped")
        .put("reason", "guest powered off")
        .put("since", Instant.now().toString())
        .remove("pid");
    changed(vmId);
  }

  /** QEMU is killed: the agent reports the VM Crashed, not stopped by its guest. */
  public void crash(String vmId) {
    vms.get(vmId)
        .put("state", "Crashed")
        .put("reason", "crashed")
        .put("since", Instant.now().toString())
        .remove("pid");
    changed(vmId);
  }

  @Override
  public boolean healthy() {
    return healthy;
  }

  @Override
  public List<AgentVm> vms() {
    answer();
    return vms.values().stream().map(AgentVm::of).toList();
  }

  @Override
  public Optional<AgentVm> vm(String vmId) {
    answer();
    return known(vmId);
  }

  @Override
  public AgentVm define(String vmId, io.vmconsole.agent.AgentVmSpec spec) {
    answer();
    ObjectNode vm = vms.computeIfAbsent(vmId, id -> status(id, "Stopped", "defined"));
    // Kept as the agent would report it.
    vm.set("spec", JSON.valueToTree(spec));
    return AgentVm.of(vm);
  }

  /**
   * Starts of the VM of that name (its spec's name) are refused with this message, as a QEMU that
   * exits at once would be; null lets them work again.
   */
  public void refuseStarts(String vmName, String message) {
    if (message == null) {
      refuseStarts.remove(vmName);
    } else {
      refuseStarts.put(vmName, message);
    }
  }

  /** How many starts were refused. */
  public int startsRefused() {
    return startsRefused.get();
  }

  @Override
  public AgentVm start(String vmId) {
    answer();
    ObjectNode vm = vms.get(vmId);
    if (vm == null) {
      throw new AgentException(404, "unknown vm " + vmId);
    }
    String refusal = refuseStarts.get(vm.path("spec").path("name").asText());
    if (refusal != null) {
      startsRefused.incrementAndGet();
      throw new AgentException(500, "POST /v1/vms/" + vmId + "/start: " + refusal);
    }
    if (vm.path("state").asText().equals("Running")) {
      throw new AgentException(409, "running");
    }
    vm.put("state", "Running")
        .put("reason", "started")
        .put("since", Instant.now().toString())
        .put("pid", pids.incrementAndGet());
    changed(vmId);
    return AgentVm.of(vm);
  }

  /**
   * Graceful stops wait (state Stopping, as a guest that takes its grace period) until {@link
   * #finishStops()}; forced ones do not.
   */
  public void holdGracefulStops(boolean hold) {
    this.holdStops = hold;
  }

  /** The guests that were shutting down have. */
  public void finishStops() {
    vms.values().stream()
        .filter(v -> v.path("state").asText().equals("Stopping"))
        .toList()
        .forEach(
            vm -> {
              vm.put("state", "Stopped")
                  .put("reason", "guest powered off")
                  .put("since", Instant.now().toString())
                  .remove("pid");
              changed(vm.path("vmId").asText());
            });
  }

  @Override
  public AgentVm stop(String vmId, boolean graceful, long timeoutSeconds) {
    answer();
    ObjectNode vm = vms.get(vmId);
    if (graceful && holdStops) {
      vm.put("state", "Stopping").put("reason", "shutting down");
      changed(vmId);
      return AgentVm.of(vm);
    }
    vm.put("state", "Stopped")
        .put("reason", "stopped by host")
        .put("since", Instant.now().toString())
        .remove("pid");
    changed(vmId);
    return AgentVm.of(vm);
  }

  @Override
  public AgentVm reset(String vmId) {
    answer();
    return AgentVm.of(vms.get(vmId));
  }

  @Override
  public void delete(String vmId) {
    answer();
    vms.remove(vmId);
  }

  @Override
  public byte[] serialLog(String vmId) {
    return new byte[0];
  }

  @Override
  public AgentVm attachDisk(String vmId, io.vmconsole.agent.AgentDisk disk) {
    answer();
    ((com.fasterxml.jackson.databind.node.ArrayNode) vms.get(vmId).with("spec").withArray("disks"))
        .add(JSON.valueToTree(disk));
    return AgentVm.of(vms.get(vmId));
  }

  @Override
  public void detachDisk(String vmId, String diskId) {
    answer();
    var disks = vms.get(vmId).with("spec").withArray("disks");
    for (int i = disks.size() - 1; i >= 0; i--) {
      if (disks.get(i).path("id").asText().equals(diskId)) {
        disks.remove(i);
      }
    }
  }

  /**
   * The VMs whose state changed after {@code after}, waiting up to the timeout for one, as the
   * agent's stream.
   */
  @Override
  public synchronized EventBatch events(long after, int timeoutSeconds) {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (events.isEmpty() || events.get(events.size() - 1).path("seq").asLong() <= after) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return new EventBatch(List.of(), Math.max(after, seq), false);
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new EventBatch(List.of(), Math.max(after, seq), false);
      }
    }
    List<JsonNode> batch =
        events.stream().filter(e -> e.path("seq").asLong() > after).map(e -> (JsonNode) e).toList();
    return new EventBatch(batch, seq, false);
  }

  /** Tells the event stream the VM changed. */
  private synchronized void changed(String vmId) {
    events.add(JSON.createObjectNode().put("seq", ++seq).put("vmId", vmId));
    while (events.size() > 1000) {
      events.remove(0);
    }
    notifyAll();
  }

  @Override
  public Optional<JsonNode> storageObject(String collection, String uid) {
    answer();
    return Optional.of(
        JSON.createObjectNode()
            .put("uid", uid)
            .put("path", "/simulated/" + collection + "/" + uid)
            .put("format", "qcow2")
            .put("virtualSize", 1L << 30)
            .put("actualSize", 1L << 20));
  }

  @Override
  public io.vmconsole.agent.PoolFile createDisk(io.vmconsole.agent.DiskCreateRequest request) {
    return storageObject("disks", request.uid()).map(io.vmconsole.agent.PoolFile::of).orElseThrow();
  }

  @Override
  public void deleteStorageObject(String collection, String uid) {}

  @Override
  public io.vmconsole.agent.AgentJob importImage(io.vmconsole.agent.ImageImportRequest request) {
    return io.vmconsole.agent.AgentJob.of(
        JSON.createObjectNode().put("id", "job").put("state", "Succeeded"));
  }

  @Override
  public Optional<io.vmconsole.agent.AgentJob> job(String jobId) {
    return Optional.empty();
  }

  @Override
  public String baseUrl() {
    return "simulated://" + node;
  }

  @Override
  public AgentMigration prepareIncoming(io.vmconsole.agent.IncomingMigration request) {
    answer();
    String id = request.migrationId();
    ObjectNode vm = status(request.vmId(), "Incoming", "migration " + id);
    vm.set("spec", request.spec());
    vms.put(vm.path("vmId").asText(), vm);
    ObjectNode m =
        migration(id, vm.path("vmId").asText(), "target", "Waiting", request.sourceNode(), node)
            .put("ticket", "ticket-" + id);
    migrations.put(id, m);
    return AgentMigration.of(m);
  }

  @Override
  public AgentMigration migrate(String vmId, io.vmconsole.agent.MigrationSend request) {
    answer();
    String id = request.migrationId();
    String target = request.target().node();
    ObjectNode m =
        migration(id, vmId, "source", "Running", node, target)
            .put("maxBandwidthBytesPerSecond", request.maxBandwidthBytesPerSecond())
            .put("autoConverge", request.autoConverge())
            .put("downtimeLimitMs", request.downtimeLimitMs());
    m.with("progress")
        .put("bytesTotal", 1L << 30)
        .put("bytesRemaining", 1L << 29)
        .put("iterations", 1);
    migrations.put(id, m);
    switch (outcome) {
      case SUCCEED -> commit(m);
      case FAIL -> {
        peers.get(target).vms.remove(vmId);
        peers.get(target).finish(id, "Failed", "simulated failure");
        finish(id, "Failed", "simulated failure");
      }
      case HOLD -> {}
    }
    return AgentMigration.of(m);
  }

  /**
   * The migrations held ({@link MigrationOutcome#HOLD}) and still sending converge and commit now.
   */
  public void commitHeld() {
    migrations.values().stream()
        .filter(m -> m.path("role").asText().equals("source"))
        .filter(m -> m.path("state").asText().equals("Running"))
        .toList()
        .forEach(this::commit);
  }

  /** The commit rule: the target runs the VM, then the source's copy stops ("migrated to …"). */
  private void commit(ObjectNode m) {
    String id = m.path("migrationId").asText();
    String vmId = m.path("vmId").asText();
    String target = m.path("targetNode").asText();
    SimulatedHypervisor to = peers.get(target);
    to.vms
        .get(vmId)
        .put("state", "Running")
        .put("reason", "migrated from " + node)
        .put("pid", to.pids.incrementAndGet());
    to.finish(id, "Succeeded", null);
    vms.get(vmId).put("state", "Stopped").put("reason", "migrated to " + target).remove("pid");
    finish(id, "Succeeded", null);
    to.changed(vmId);
    changed(vmId);
  }

  @Override
  public List<AgentMigration> migrations() {
    answer();
    return migrations.values().stream().map(AgentMigration::of).toList();
  }

  @Override
  public Optional<AgentMigration> migration(String migrationId) {
    answer();
    ObjectNode m = migrations.get(migrationId);
    if (m != null && m.path("state").asText().equals("Running")) {
      // A held migration sends a pass each look and the memory left never shrinks.
      m.with("progress")
          .put("iterations", m.path("progress").path("iterations").asLong() + 1)
          .put(
              "bytesTransferred", m.path("progress").path("bytesTransferred").asLong() + (1 << 20));
    }
    return Optional.ofNullable(m).map(AgentMigration::of);
  }

  @Override
  public void cancelMigration(String migrationId) {
    answer();
    ObjectNode m = migrations.get(migrationId);
    if (m == null) {
      return;
    }
    if (AgentMigration.of(m).finished()) {
      migrations.remove(migrationId);
      return;
    }
    finish(migrationId, "Cancelled", "cancelled");
    String vmId = m.path("vmId").asText();
    SimulatedHypervisor target = peers.get(m.path("targetNode").asText());
    if (m.path("role").asText().equals("source") && target != null) {
      target.vms.remove(vmId);
      target.finish(migrationId, "Cancelled", "cancelled by the source");
    }
  }

  @Override
  public AgentMigration updateMigration(
      String migrationId, io.vmconsole.agent.MigrationChange change) {
    answer();
    ObjectNode m = migrations.get(migrationId);
    m.setAll((ObjectNode) JSON.valueToTree(change));
    return AgentMigration.of(m);
  }

  private void finish(String id, String state, String reason) {
    ObjectNode m = migrations.get(id);
    if (m != null) {
      m.put("state", state)
          .put("finishedAt", Instant.now().toString())
          .put("downtimeMs", 12)
          .put("totalMs", 345);
      if (reason != null) {
        m.put("reason", reason);
      }
    }
  }

  private ObjectNode migration(
      String id, String vmId, String role, String state, String source, String target) {
    ObjectNode m =
        JSON.createObjectNode()
            .put("migrationId", id)
            .put("vmId", vmId)
            .put("role", role)
            .put("state", state)
            .put("sourceNode", source)
            .put("targetNode", target)
            .put("startedAt", Instant.now().toString());
    m.putObject("progress");
    return m;
  }

  private void answer() {
    if (!healthy) {
      throw new AgentException(0, "the simulated agent of " + node + " does not answer");
    }
  }

  private ObjectNode status(String id, String state, String reason) {
    ObjectNode s =
        JSON.createObjectNode()
            .put("vmId", id)
            .put("state", state)
            .put("reason", reason)
            .put("since", Instant.now().toString());
    s.putObject("spec");
    s.put("node", node);
    return s;
  }
}
