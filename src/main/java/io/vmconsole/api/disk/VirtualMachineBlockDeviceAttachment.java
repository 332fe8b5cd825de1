package io.vmconsole.api.disk;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * Hotplug of one disk or image into a running VM (api.md §5); the object's life is the
 * attachment's.
 */
@Group("virtualization.deckhouse.io")
@Version("v1alpha2")
@Plural("virtualmachineblockdeviceattachments")
@ShortNames("vmbda")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "BlockDevice Kind",
    jsonPath = ".spec.blockDeviceRef.kind",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "BlockDevice Name",
    jsonPath = ".spec.blockDeviceRef.name",
    type = Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Virtual Machine Name",
    jsonPath = ".spec.virtualMachineName",
    type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class VirtualMachineBlockDeviceAttachment
    extends CustomResource<
        VirtualMachineBlockDeviceAttachment.Spec, VirtualMachineBlockDeviceAttachment.Status>
    implements Namespaced {

  public enum AttachableKind {
    VirtualDisk,
    VirtualImage,
    ClusterVirtualImage
  }

  @ValidationRule(value = "self == oldSelf", message = "spec is immutable")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Spec(
      @Required @Size(min = 1) String virtualMachineName,
      @Required BlockDeviceRef blockDeviceRef) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BlockDeviceRef(
      @Required AttachableKind kind, @Required @Size(min = 1) String name) {}

  /** Phase: Pending, InProgress, Attached, Failed, Terminating. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Status(
      String phase,
      String virtualMachineName,
      List<Condition> conditions,
      Long observedGeneration) {}
}
