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
    Long observedGeneration) {

  /** A resource that a Restore or Clone creates or changes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ResourceStatus(
      String apiVersion, String kind, String name, String status, String message) {}
}
