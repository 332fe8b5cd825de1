package io.vmconsole.api.vmop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Progress of an operation; progress ("NN%") is only reported for Migrate and Evict. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VirtualMachineOperationStatus(
    String phase,
    String progress,
    List<Condition> conditions,
    List<ResourceStatus> resources,
    MigrationStatus migration,
    Long observedGeneration) {

  public VirtualMachineOperationStatus withProgress(String progress) {
    return new VirtualMachineOperationStatus(
        phase, progress, conditions, resources, migration, observedGeneration);
  }

  public VirtualMachineOperationStatus withMigration(MigrationStatus migration) {
    return new VirtualMachineOperationStatus(
        phase, progress, conditions, resources, migration, observedGeneration);
  }

  /**
   * Our extension for Migrate and Evict (not in the reference API): where the VM goes and the
   * source agent's counters of the live migration, for the UI. downtimeMs and totalMs once it
   * ended.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MigrationStatus(
      String sourceNode,
      String targetNode,
      Long bytesTransferred,
      Long bytesRemaining,
      Long bytesTotal,
      Long throughputBytesPerSecond,
      Long dirtyRateBytesPerSecond,
      Long iterations,
      Long downtimeMs,
      Long totalMs) {}

  /** A resource that a Restore or Clone creates or changes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ResourceStatus(
      String apiVersion, String kind, String name, String status, String message) {}
}
