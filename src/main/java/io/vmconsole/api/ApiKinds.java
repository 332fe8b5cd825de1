package io.vmconsole.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.vmconsole.api.disk.ClusterVirtualImage;
import io.vmconsole.api.disk.VirtualDisk;
import io.vmconsole.api.disk.VirtualImage;
import io.vmconsole.api.disk.VirtualMachineBlockDeviceAttachment;
import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.ipam.VirtualMachineIPAddressLease;
import io.vmconsole.api.module.ModuleConfig;
import io.vmconsole.api.vm.VirtualMachine;
import io.vmconsole.api.vmclass.VirtualMachineClass;
import io.vmconsole.api.vmop.VirtualMachineOperation;
import java.util.List;
import java.util.Optional;

/**
 * Every kind this model defines, for code that must handle all of them (CRD post-processing,
 * servers).
 */
public final class ApiKinds {

  public static final List<Class<? extends HasMetadata>> ALL =
      List.of(
          VirtualMachine.class,
          VirtualMachineOperation.class,
          VirtualMachineIPAddress.class,
          VirtualMachineIPAddressLease.class,
          VirtualMachineBlockDeviceAttachment.class,
          VirtualDisk.class,
          VirtualImage.class,
          ClusterVirtualImage.class,
          VirtualMachineClass.class,
          ModuleConfig.class);

  private ApiKinds() {}

  /**
   * The class whose CRD has this name, e.g. {@code virtualmachines.virtualization.deckhouse.io}.
   */
  public static Optional<Class<? extends HasMetadata>> byCrdName(String crdName) {
    return ALL.stream().filter(c -> HasMetadata.getFullResourceName(c).equals(crdName)).findFirst();
  }
}
