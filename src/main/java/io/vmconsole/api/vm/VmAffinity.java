package io.vmconsole.api.vm;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import java.util.List;

/**
 * Placement relative to nodes (the core type) and to other VMs and pods. The VM/pod terms are our
 * own because a preferred entry wraps its term in {@code virtualMachineAndPodAffinityTerm}, not in
 * the core {@code podAffinityTerm}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VmAffinity(
    NodeAffinity nodeAffinity,
    VmAndPodAffinity virtualMachineAndPodAffinity,
    VmAndPodAffinity virtualMachineAndPodAntiAffinity) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VmAndPodAffinity(
      List<Term> requiredDuringSchedulingIgnoredDuringExecution,
      List<WeightedTerm> preferredDuringSchedulingIgnoredDuringExecution) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Term(
      LabelSelector labelSelector,
      List<String> namespaces,
      @Required String topologyKey,
      LabelSelector namespaceSelector,
      List<String> matchLabelKeys,
      List<String> mismatchLabelKeys) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WeightedTerm(
      @Required @Min(1) @Max(100) Integer weight,
      @Required Term virtualMachineAndPodAffinityTerm) {}
}
