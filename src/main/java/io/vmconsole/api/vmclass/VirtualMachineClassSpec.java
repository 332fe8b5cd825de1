package io.vmconsole.api.vmclass;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;

/** The class's CPU (immutable), placement and sizing policies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VirtualMachineClassSpec(
    @Required Cpu cpu,
    LabelSelector nodeSelector,
    List<Toleration> tolerations,
    @Size(max = 16) List<SizingPolicy> sizingPolicies) {

  public enum CpuType {
    Host,
    HostPassthrough,
    Discovery,
    Model,
    Features
  }

  @ValidationRule(value = "self == oldSelf", message = "cpu is immutable")
  @ValidationRule(
      value = "!has(self.model) || self.type == 'Model'",
      message = "model is only allowed with type Model")
  @ValidationRule(
      value = "!has(self.features) || self.type == 'Features'",
      message = "features is only allowed with type Features")
  @ValidationRule(
      value = "!has(self.discovery) || self.type == 'Discovery'",
      message = "discovery is only allowed with type Discovery")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cpu(
      @Required CpuType type,
      String model,
      @Size(min = 1) List<String> features,
      Discovery discovery) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Discovery(LabelSelector nodeSelector) {}

  /**
   * Sizing rules for one range of cores. defaultCoreFraction is an integer percent in v1alpha2 but
   * may be "Auto", hence int-or-string.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SizingPolicy(
      Cores cores,
      MemoryPolicy memory,
      List<@Min(1) @Max(100) Integer> coreFractions,
      IntOrString defaultCoreFraction,
      List<Boolean> dedicatedCores) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cores(
      @Required @Min(1) Integer min, @Required @Max(1024) Integer max, Integer step) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MemoryPolicy(Quantity min, Quantity max, Quantity step, PerCore perCore) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PerCore(Quantity min, Quantity max) {}
}
