package io.vmconsole.ipam;

import io.vmconsole.api.validation.Ipv4;
import io.vmconsole.api.validation.Ipv4.Cidr;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The VM address pool: the ModuleConfig's CIDRs in their order. Usable addresses exclude each
 * CIDR's network and broadcast address and, in CIDRs of 8 addresses or more, the first two usable
 * ones: the gateway and the DNS server the guest NIC is given, which must never be handed to a VM.
 */
public final class Pool {
  /** Below /29 a CIDR has too few addresses to spare two for infrastructure. */
  private static final int SMALLEST_WITH_INFRASTRUCTURE = 8;

  private final List<Cidr> cidrs;

  private Pool(List<Cidr> cidrs) {
    this.cidrs = cidrs;
  }

  /** Malformed entries are left out: admission refuses them, so they only come from around it. */
  public static Pool of(List<String> cidrs) {
    return new Pool(cidrs.stream().map(Ipv4::parseCidr).flatMap(Optional::stream).toList());
  }

  public List<Cidr> cidrs() {
    return cidrs;
  }

  public Optional<Cidr> cidrOf(long address) {
    return cidrs.stream().filter(c -> c.contains(address)).findFirst();
  }

  /** Why the address can't be given to a VM, or empty when it can. */
  public Optional<String> refusal(long address) {
    Optional<Cidr> cidr = cidrOf(address);
    if (cidr.isEmpty()) {
      return Optional.of("is outside virtualMachineCIDRs");
    }
    Cidr c = cidr.get();
    if (address == c.first() || address == c.last()) {
      return Optional.of("is the network or broadcast address of " + text(c));
    }
    if (address == gateway(c)) {
      return Optional.of("is reserved for the gateway of " + text(c));
    }
    if (address == dns(c)) {
      return Optional.of("is reserved for the DNS server of " + text(c));
    }
    return Optional.empty();
  }

  /**
   * The lowest usable address, walking the CIDRs in order, that is not taken; empty when exhausted.
   */
  public Optional<Long> lowestFree(LongPredicate taken) {
    return lowestFree(taken, c -> c.first() + 1);
  }

  /**
   * The lowest address not {@code taken}, looking in each CIDR from {@code from} on (everything
   * below it known to be taken).
   */
  public Optional<Long> lowestFree(
      LongPredicate taken, java.util.function.ToLongFunction<Cidr> from) {
    for (Cidr c : cidrs) {
      for (long a = Math.max(c.first() + 1, from.applyAsLong(c)); a < c.last(); a++) {
        if (a != gateway(c) && a != dns(c) && !taken.test(a)) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  public Optional<Long> lowestFree(Set<Long> taken) {
    return lowestFree(taken::contains);
  }

  /** How many addresses of the CIDR can go to VMs. */
  public static long capacity(Cidr c) {
    long usable = Math.max(0, c.size() - 2);
    return c.size() >= SMALLEST_WITH_INFRASTRUCTURE ? usable - 2 : usable;
  }

  /** The NIC settings for an address of the pool: its CIDR's prefix, gateway and DNS server. */
  public Optional<Nic> nic(String address) {
    return Ipv4.parse(address)
        .flatMap(this::cidrOf)
        .map(
            c ->
                new Nic(
                    address,
                    c.prefix(),
                    hasInfrastructure(c) ? format(gateway(c)) : null,
                    hasInfrastructure(c) ? List.of(format(dns(c))) : List.of()));
  }

  public static long gateway(Cidr c) {
    return hasInfrastructure(c) ? c.first() + 1 : -1;
  }

  public static long dns(Cidr c) {
    return hasInfrastructure(c) ? c.first() + 2 : -1;
  }

  private static boolean hasInfrastructure(Cidr c) {
    return c.size() >= SMALLEST_WITH_INFRASTRUCTURE;
  }

  public static String text(Cidr c) {
    return format(c.network()) + "/" + c.prefix();
  }

  public static String format(long address) {
    return Ipv4.format(address);
  }

  /**
   * What the guest's NIC is configured with.
   *
   * @param gateway null in CIDRs too small to spare one
   */
  public record Nic(String address, int prefix, String gateway, List<String> dns) {}
}
