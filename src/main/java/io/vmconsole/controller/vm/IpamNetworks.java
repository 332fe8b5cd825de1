package io.vmconsole.controller.vm;

import io.vmconsole.api.vm.VmObject;
import io.vmconsole.ipam.IpamVm;
import io.vmconsole.ipam.Pool;
import io.vmconsole.ipam.VmAddresses;
import java.util.Optional;

/**
 * A VM's network from IP management: its vmip (the Auto one made on first sight) and the bound
 * address.
 */
public final class IpamNetworks implements VmNetworks {
  private final VmAddresses addresses;

  public IpamNetworks(VmAddresses addresses) {
    this.addresses = addresses;
  }

  @Override
  public VmNetwork network(VmObject vm) {
    String ns = vm.namespace();
    VmAddresses.VmAddress address =
        addresses.ensureFor(
            new IpamVm(
                ns,
                vm.name(),
                vm.uid(),
                blankToNull(vm.specVmipName()),
                blankToNull(vm.statusVmipName()),
                vm.deleting()));
    if (address.address() == null) {
      return VmNetwork.pending(address.vmipName(), address.pendingReason());
    }
    Optional<Pool.Nic> nic = addresses.nicFor(ns, address.vmipName());
    if (nic.isEmpty()) {
      return VmNetwork.pending(
          address.vmipName(),
          "address " + address.address() + " is in none of the virtualMachineCIDRs");
    }
    Pool.Nic n = nic.get();
    return new VmNetwork(address.vmipName(), n.address(), n.prefix(), n.gateway(), n.dns(), null);
  }

  private static String blankToNull(String name) {
    return name.isBlank() ? null : name;
  }
}
