package io.vmconsole.api.ipam;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/** A VM's claim on one address of the module's virtualMachineCIDRs (api.md §3). */
@Group("virtualization.deckhouse.io")
@Version("v1alpha2")
@Plural("virtualmachineipaddresses")
@ShortNames("vmip")
@AdditionalPrinterColumn(name = "Address", jsonPath = ".status.address", type = Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "VM", jsonPath = ".status.virtualMachineName", type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class VirtualMachineIPAddress
    extends CustomResource<VirtualMachineIPAddress.Spec, VirtualMachineIPAddress.Status>
    implements Namespaced {

  public enum AddressType {
    Auto,
    Static
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Spec(@Required AddressType type, String staticIP) {}

  /** Phase: Pending, then Bound (lease held), then Attached (used by a VM). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Status(
      String address,
      String virtualMachineName,
      String phase,
      List<Condition> conditions,
      Long observedGeneration) {}
}
