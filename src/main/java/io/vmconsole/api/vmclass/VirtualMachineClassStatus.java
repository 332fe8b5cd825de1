package io.vmconsole.api.vmclass;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/** Phase Pending/Ready/Terminating and what the nodes offer for the class. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VirtualMachineClassStatus(
    String phase,
    CpuFeatures cpuFeatures,
    List<String> availableNodes,
    Map<String, Quantity> maxAllocatableResources,
    List<Condition> conditions,
    Long observedGeneration) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CpuFeatures(List<String> enabled, List<String> notEnabledCommon) {}
}
