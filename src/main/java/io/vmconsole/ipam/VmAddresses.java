package io.vmconsole.ipam;

import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.ipam.VirtualMachineIPAddress.AddressType;
import io.vmconsole.cluster.IpAddresses;
import io.vmconsole.cluster.IpAddresses.OwnerRef;
import io.vmconsole.cluster.ModuleConfigs;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * The seam between a VM's lifecycle and IP management: which vmip a VM uses (making its Auto vmip
 * when it names none) and what the guest NIC is configured with. The VM controller calls {@link
 * #ensureFor(IpamVm)} on each reconcile and writes the answer into the VM's
 * status.virtualMachineIPAddressName and status.ipAddress; once a VM's status or spec names a vmip,
 * the IP reconciler marks that vmip Attached to it.
 */
public class VmAddresses {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IpAddresses addresses;
  private final ModuleConfigs modules;
  private final ClaimExpectations expectations;

  VmAddresses(IpAddresses addresses, ModuleConfigs modules, ClaimExpectations expectations) {
    this.addresses = addresses;
    this.modules = modules;
    this.expectations = expectations;
  }

  /**
   * The VM's address as far as it is known now.
   *
   * @param vmipName the vmip the VM uses (made just now for an Auto one)
   * @param address the bound address, null while the vmip is Pending or not yet seen
   * @param pendingReason why there is no address yet, null once there is one
   */
  public record VmAddress(String vmipName, String address, String pendingReason) {}

  /** Resolves the named vmip, or finds or makes the VM's Auto vmip {@code <vm>-<5 random>}. */
  public VmAddress ensureFor(IpamVm vm) {
    String name = vm.requestedIpName();
    if (name == null) {
      name = ownedBy(vm).orElse(null);
    }
    if (name == null) {
      String made = "vm:" + vm.uid();
      if (!expectations.reserve(made)) {
        return new VmAddress(null, null, "the VirtualMachineIPAddress is being created");
      }
      name = vm.name() + "-" + suffix();
      try {
        addresses.create(
            vm.namespace(),
            name,
            AddressType.Auto,
            null,
            new OwnerRef(
                "virtualization.deckhouse.io/v1alpha2", "VirtualMachine", vm.name(), vm.uid()));
      } catch (RuntimeException e) {
        expectations.forget(made);
        throw e;
      }
      return new VmAddress(name, null, "waiting for an address");
    }
    Optional<VirtualMachineIPAddress> vmip = addresses.get(vm.namespace(), name);
    if (vmip.isEmpty()) {
      return new VmAddress(name, null, "VirtualMachineIPAddress " + name + " not found");
    }
    VirtualMachineIPAddress.Status status = vmip.get().getStatus();
    String address = status == null ? null : status.address();
    String pending =
        address != null
            ? null
            : Objects.requireNonNullElse(
                VmipStatuses.pendingMessage(status), "waiting for an address");
    return new VmAddress(name, address, pending);
  }

  /**
   * The NIC values for the agent: address, prefix, gateway, DNS; empty while there is no address.
   */
  public Optional<Pool.Nic> nicFor(String namespace, String vmipName) {
    return addresses
        .get(namespace, vmipName)
        .map(VirtualMachineIPAddress::getStatus)
        .map(VirtualMachineIPAddress.Status::address)
        .flatMap(a -> Pool.of(modules.cidrs()).nic(a));
  }

  /** The vmip this VM owns: the one its status names, else any vmip with it as owner. */
  Optional<String> ownedBy(IpamVm vm) {
    if (vm.currentIpName() != null
        && addresses.get(vm.namespace(), vm.currentIpName()).isPresent()) {
      return Optional.of(vm.currentIpName());
    }
    return addresses.ownedBy(vm.namespace(), vm.uid()).stream()
        .map(v -> v.getMetadata().getName())
        .sorted()
        .findFirst();
  }

  private static String suffix() {
    StringBuilder b = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
