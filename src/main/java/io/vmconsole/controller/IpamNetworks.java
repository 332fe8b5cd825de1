package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.ipam.Pool;
import io.vmconsole.ipam.VmAddresses;
import io.vmconsole.ipam.VmRef;
import java.util.Optional;

/** A VM's network from IP management: its vmip (the Auto one made on first sight) and the bound address. */
public final class IpamNetworks implements VmNetworks {
  private final VmAddresses addresses;

  public IpamNetworks(VmAddresses addresses) {
    this.addresses = addresses;
  }

  @Override
  public VmNetwork network(JsonNode vm) {
    JsonNode meta = vm.path("metadata");
    String ns = meta.path("namespace").asText();
    VmAddresses.VmAddress address = addresses.ensureFor(new VmRef(ns, meta.path("name").asText(),
        meta.path("uid").asText(), text(vm.path("spec")), text(vm.path("status")), meta.hasNonNull("deletionTimestamp")));
    if (address.address() == null) {
      return VmNetwork.pending(address.vmipName(), address.pendingReason());
    }
    Optional<Pool.Nic> nic = addresses.nicFor(ns, address.vmipName());
    if (nic.isEmpty()) {
      return VmNetwork.pending(address.vmipName(),
          "address " + address.address() + " is in none of the virtualMachineCIDRs");
    }
    Pool.Nic n = nic.get();
    return new VmNetwork(address.vmipName(), n.address(), n.prefix(), n.gateway(), n.dns(), null);
  }

  private static String text(JsonNode section) {
    String name = section.path("virtualMachineIPAddressName").asText("");
    return name.isBlank() ? null : name;
  }
}
