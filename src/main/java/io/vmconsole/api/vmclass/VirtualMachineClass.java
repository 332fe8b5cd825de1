package io.vmconsole.api.vmclass;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** CPU model, placement and sizing rules shared by the VMs that name this class (api.md §8). */
@Group("virtualization.deckhouse.io")
@Version("v1alpha2")
@Plural("virtualmachineclasses")
@ShortNames({"vmclass", "vmc"})
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "IsDefault",
    jsonPath =
        ".metadata.annotations.virtualmachineclass\\.virtualization\\.deckhouse\\.io/is-default-class",
    type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class VirtualMachineClass
    extends CustomResource<VirtualMachineClassSpec, VirtualMachineClassStatus> {

  /** The annotation that marks the class used when a VM names none. */
  public static final String DEFAULT_CLASS_ANNOTATION =
      "virtualmachineclass.virtualization.deckhouse.io/is-default-class";
}
