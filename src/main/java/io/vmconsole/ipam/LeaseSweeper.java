package io.vmconsole.ipam;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vmconsole.api.ipam.LeaseNames;
import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.ipam.VirtualMachineIPAddressLease;
import io.vmconsole.cluster.IpAddresses;
import io.vmconsole.cluster.IpLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The periodic checks: a lease whose vmip is gone (deleted while no console ran, or recreated under
 * the same name) turns Released; a Released lease past the retention period is deleted; a lease
 * being deleted keeps its finalizer until it is Released; an Auto vmip whose VM is gone is deleted
 * (the owner reference garbage collection the embedded API server lacks).
 */
final class LeaseSweeper {
  private final IpLeases leases;
  private final IpAddresses addresses;
  private final Duration retention;
  private final Clock clock;

  LeaseSweeper(IpLeases leases, IpAddresses addresses, Duration retention, Clock clock) {
    this.leases = leases;
    this.addresses = addresses;
    this.retention = retention;
    this.clock = clock;
  }

  void sweep() {
    Instant now = clock.instant();
    for (VirtualMachineIPAddressLease lease : leases.list()) {
      Optional<String> ip = LeaseNames.toAddress(lease.getMetadata().getName());
      if (ip.isEmpty()) {
        continue;
      }
      VirtualMachineIPAddressLease.IpAddressRef ref = IpAllocator.ref(lease);
      boolean bound = ref != null && ref.name() != null;
      if (bound && !vmipAlive(lease, ref)) {
        leases.release(ip.get());
      } else if (!bound) {
        Optional<Instant> released = IpLeases.releasedAt(lease);
        if (released.isEmpty()) {
          leases.release(ip.get());
        } else if (lease.getMetadata().getDeletionTimestamp() != null
            || !released.get().plus(retention).isAfter(now)) {
          leases.delete(ip.get());
        }
      }
    }
  }

  /** Deletes the vmips owned by a VM that no longer exists. */
  void collectVmipsOfDeletedVms(java.util.List<GenericKubernetesResource> vms) {
    Set<String> live = vms.stream().map(v -> v.getMetadata().getUid()).collect(Collectors.toSet());
    for (VirtualMachineIPAddress vmip : addresses.list()) {
      boolean orphaned =
          vmip.getMetadata().getOwnerReferences().stream()
              .filter(o -> "VirtualMachine".equals(o.getKind()))
              .anyMatch(o -> !live.contains(o.getUid()));
      if (orphaned && vmip.getMetadata().getDeletionTimestamp() == null) {
        addresses.delete(vmip.getMetadata().getNamespace(), vmip.getMetadata().getName());
      }
    }
  }

  private boolean vmipAlive(
      VirtualMachineIPAddressLease lease, VirtualMachineIPAddressLease.IpAddressRef ref) {
    String uid =
        lease.getMetadata().getLabels() == null
            ? null
            : lease.getMetadata().getLabels().get(IpLeases.VMIP_UID_LABEL);
    return addresses
        .get(ref.namespace(), ref.name())
        .filter(v -> Objects.equals(v.getMetadata().getUid(), uid))
        .isPresent();
  }
}
