package io.vmconsole.controller.vm;

import io.vmconsole.api.vm.VmObject;

/**
 * Where the controller gets a VM's address: IP management in the console, something simpler in
 * tools.
 */
@FunctionalInterface
public interface VmNetworks {

  /** The VM's vmip and NIC values; may create the VM's Auto vmip. */
  VmNetwork network(VmObject vm);
}
