package io.vmconsole.ipam;

import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.ipam.VirtualMachineIPAddressLease;
import io.vmconsole.api.validation.Ipv4;
import io.vmconsole.cluster.IpLeases;
import io.vmconsole.cluster.ModuleConfigs;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds or claims the lease of one vmip. Creating the lease object is the claim: when two writers
 * race for an address, the API server lets one create succeed and answers 409 to the other, who
 * moves on. A lease that already names this vmip (by namespace, name and uid) is adopted, so a
 * console killed between claiming and writing the vmip's status never claims a second address on
 * restart.
 */
public final class IpAllocator {
  static final String POOL_EXHAUSTED = "pool exhausted";

  private final IpLeases leases;
  private final ModuleConfigs modules;
  private final ClaimExpectations expectations;
  private final Watermarks watermarks = new Watermarks();
  private final java.util.concurrent.atomic.AtomicLong failedClaims =
      new java.util.concurrent.atomic.AtomicLong();

  IpAllocator(IpLeases leases, ModuleConfigs modules, ClaimExpectations expectations) {
    this.leases = leases;
    this.modules = modules;
    this.expectations = expectations;
  }

  /** The result: a bound address, or why the vmip stays Pending. */
  public record Outcome(String address, String reason, String message) {
    static Outcome bound(String address) {
      return new Outcome(address, null, null);
    }

    static Outcome pending(String reason, String message) {
      return new Outcome(null, reason, message);
    }

    public boolean isBound() {
      return address != null;
    }
  }

  public Outcome allocate(VirtualMachineIPAddress vmip) {
    Optional<String> held = heldBy(vmip);
    if (held.isPresent()) {
      return Outcome.bound(held.get());
    }
    Pool pool = Pool.of(modules.cidrs());
    if (pool.cidrs().isEmpty()) {
      return Outcome.pending(
          "NoPool", "virtualMachineCIDRs is not set in the virtualization ModuleConfig");
    }
    return vmip.getSpec().type() == VirtualMachineIPAddress.AddressType.Static
        ? claimStatic(vmip, pool)
        : claimLowest(vmip, pool);
  }

  /**
   * The address of the lease that names this very vmip, if any: as the cache has it, or as this
   * process just claimed it (a vmip reconciled again before the cache shows its new lease must not
   * claim a second one).
   */
  Optional<String> heldBy(VirtualMachineIPAddress vmip) {
    Optional<String> cached =
        leases.heldBy(
            vmip.getMetadata().getNamespace(),
            vmip.getMetadata().getName(),
            vmip.getMetadata().getUid());
    return cached.isPresent() ? cached : expectations.heldBy(holder(vmip));
  }

  private static String holder(VirtualMachineIPAddress vmip) {
    return vmip.getMetadata().getNamespace()
        + "/"
        + vmip.getMetadata().getName()
        + "/"
        + vmip.getMetadata().getUid();
  }

  /**
   * Marks the lease of this vmip Bound when a claim was cut short before its status was written (a
   * console killed in between). Not for this process's own fresh claims: it wrote their status, and
   * the cache may just not show it yet.
   */
  void ensureBound(VirtualMachineIPAddress vmip) {
    heldBy(vmip)
        .filter(a -> Ipv4.parse(a).map(n -> !expectations.expected(key(n))).orElse(true))
        .ifPresent(
            a ->
                leases.ensureBound(
                    a, vmip.getMetadata().getNamespace(), vmip.getMetadata().getName()));
  }

  private Outcome claimLowest(VirtualMachineIPAddress vmip, Pool pool) {
    Set<Long> tried = new HashSet<>();
    while (true) {
      long generation = generation();
      Optional<Long> next =
          pool.lowestFree(
              a -> tried.contains(a) || leases.isTaken(a) || expectations.expected(key(a)),
              c -> watermarks.from(c, generation));
      next.ifPresent(a -> pool.cidrOf(a).ifPresent(c -> watermarks.reached(c, a, generation)));
      if (next.isEmpty()) {
        return Outcome.pending(
            "PoolExhausted",
            POOL_EXHAUSTED
                + ": every address of "
                + String.join(", ", modules.cidrs())
                + " is leased");
      }
      long a = next.get();
      tried.add(a);
      if (claim(vmip, a)) {
        return Outcome.bound(Pool.format(a));
      }
    }
  }

  private Outcome claimStatic(VirtualMachineIPAddress vmip, Pool pool) {
    String ip = vmip.getSpec().staticIP();
    Optional<Long> parsed = Ipv4.parse(ip);
    if (parsed.isEmpty()) {
      return Outcome.pending("InvalidAddress", "spec.staticIP " + ip + " is not an IPv4 address");
    }
    Optional<String> refusal = pool.refusal(parsed.get());
    if (refusal.isPresent()) {
      return Outcome.pending("NotInPool", "spec.staticIP " + ip + " " + refusal.get());
    }
    Optional<VirtualMachineIPAddressLease> lease = leases.get(ip);
    if (lease.isEmpty()) {
      if (claim(vmip, parsed.get())) {
        return Outcome.bound(ip);
      }
      lease = leases.fetch(ip);
    }
    return lease
        .map(l -> takeExisting(vmip, ip, l))
        .orElseGet(
            () ->
                Outcome.pending(
                    "Conflict", "the lease for " + ip + " changed while claiming it; retrying"));
  }

  /** An existing lease: ours, a Released one of our namespace, or someone else's. */
  private Outcome takeExisting(
      VirtualMachineIPAddress vmip, String ip, VirtualMachineIPAddressLease lease) {
    if (names(lease, vmip)) {
      return Outcome.bound(ip);
    }
    VirtualMachineIPAddressLease.IpAddressRef ref = ref(lease);
    boolean released = ref == null || ref.name() == null;
    if (!released) {
      return Outcome.pending(
          "AlreadyAllocated",
          "the IP address " + ip + " has already been allocated and has not been released");
    }
    String namespace = vmip.getMetadata().getNamespace();
    if (ref != null && ref.namespace() != null && !ref.namespace().equals(namespace)) {
      return Outcome.pending(
          "DifferentNamespace",
          "the IP address "
              + ip
              + " belongs to a different namespace ("
              + ref.namespace()
              + ") during its retention");
    }
    if (leases.rebind(ip, namespace, vmip.getMetadata().getName(), vmip.getMetadata().getUid())) {
      expectations.expectHeld(holder(vmip), ip);
      return Outcome.bound(ip);
    }
    return Outcome.pending(
        "Conflict", "the lease for " + ip + " changed while claiming it; retrying");
  }

  /**
   * Reserved before the create, so this process's other workers skip the address while the request
   * is in flight; an address another worker reserved is not tried (false, no call). A lost claim
   * keeps the mark (someone holds the address), a failed one drops it.
   */
  private boolean claim(VirtualMachineIPAddress vmip, long address) {
    if (!expectations.reserve(key(address))) {
      return false;
    }
    try {
      boolean claimed =
          leases.claim(
              Pool.format(address),
              vmip.getMetadata().getNamespace(),
              vmip.getMetadata().getName(),
              vmip.getMetadata().getUid());
      if (claimed) {
        expectations.expectHeld(holder(vmip), Pool.format(address));
      }
      return claimed;
    } catch (RuntimeException e) {
      expectations.forget(key(address));
      failedClaims.incrementAndGet(); // the address may be free again: rescan from the start
      throw e;
    }
  }

  /** Moves whenever an address may have come free, which voids the watermarks. */
  private long generation() {
    return leases.freedCount() + failedClaims.get();
  }

  private static String key(long address) {
    return "ip:" + address;
  }

  static VirtualMachineIPAddressLease.IpAddressRef ref(VirtualMachineIPAddressLease lease) {
    return lease.getSpec() == null ? null : lease.getSpec().virtualMachineIPAddressRef();
  }

  static boolean names(VirtualMachineIPAddressLease lease, VirtualMachineIPAddress vmip) {
    VirtualMachineIPAddressLease.IpAddressRef ref = ref(lease);
    String uid =
        lease.getMetadata().getLabels() == null
            ? null
            : lease.getMetadata().getLabels().get(IpLeases.VMIP_UID_LABEL);
    return ref != null
        && Objects.equals(ref.namespace(), vmip.getMetadata().getNamespace())
        && Objects.equals(ref.name(), vmip.getMetadata().getName())
        && Objects.equals(uid, vmip.getMetadata().getUid());
  }
}
