package io.vmconsole.api.vmop;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * What to do to which VM (api.md §2). The CEL rules repeat the admission rules for the API server.
 */
@ValidationRule(value = "self == oldSelf", message = "spec is immutable")
@ValidationRule(
    value = "!(has(self.force) && self.force && self.type == 'Start')",
    message = "force is not allowed with type Start")
@ValidationRule(
    value = "!has(self.migrate) || self.type == 'Migrate'",
    message = "migrate is only allowed with type Migrate")
@ValidationRule(
    value = "self.type != 'Restore' || has(self.restore)",
    message = "restore is required for type Restore")
@ValidationRule(
    value = "self.type != 'Clone' || has(self.clone)",
    message = "clone is required for type Clone")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VirtualMachineOperationSpec(
    @Required OperationType type,
    @Required @Size(min = 1) String virtualMachineName,
    Boolean force,
    Migrate migrate,
    Restore restore,
    // "clone" cannot name a record component (it would override Object.clone).
    @JsonProperty("clone") Clone cloneSpec) {

  public enum OperationType {
    Start,
    Stop,
    Restart,
    Migrate,
    Evict,
    Restore,
    Clone;

    /** The type a spec names; empty for none or an unknown one (admission refuses those). */
    public static java.util.Optional<OperationType> of(String text) {
      return io.vmconsole.api.common.EnumNames.find(OperationType.class, text);
    }

    /** Evict and Migrate move a running VM to another node; the others act where it is. */
    public boolean isLiveMigration() {
      return this == Migrate || this == Evict;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Migrate(Map<String, String> nodeSelector) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Restore(@Required String mode, @Required String virtualMachineSnapshotName) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Clone(
      @Required String mode, List<NameReplacement> nameReplacement, Customization customization) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NameReplacement(ResourceName from, ResourceName to) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ResourceName(String kind, String name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Customization(
      @Size(min = 1, max = 59) String namePrefix, @Size(min = 1, max = 59) String nameSuffix) {}
}
