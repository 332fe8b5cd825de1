package io.vmconsole.api.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/** IPv4 addresses and CIDRs as the VM address pool uses them. */
public final class Ipv4 {

  private static final Pattern ADDRESS =
      Pattern.compile(
          "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

  private Ipv4() {}

  /** A parsed CIDR; first and last are the network and broadcast addresses. */
  public record Cidr(long network, int prefix) {

    public long first() {
      return network;
    }

    public long last() {
      return network + size() - 1;
    }

    public long size() {
      return 1L << (32 - prefix);
    }

    public boolean contains(long address) {
      return address >= first() && address <= last();
    }

    public boolean overlaps(Cidr other) {
      return first() <= other.last() && other.first() <= last();
    }
  }

  /** The address as an unsigned number, empty when it is not a dotted IPv4 address. */
  public static Optional<Long> parse(String text) {
    if (text == null || !ADDRESS.matcher(text).matches()) {
      return Optional.empty();
    }
    long value = 0;
    for (String part : text.split("\\.")) {
      value = (value << 8) | Integer.parseInt(part);
    }
    return Optional.of(value);
  }

  /** The dotted form of an address number. */
  public static String format(long address) {
    return ((address >> 24) & 255)
        + "."
        + ((address >> 16) & 255)
        + "."
        + ((address >> 8) & 255)
        + "."
        + (address & 255);
  }

  /** The CIDR, empty when malformed. Alignment is checked apart: see {@link #isAligned(String)}. */
  public static Optional<Cidr> parseCidr(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0 || !text.substring(slash + 1).matches("^(3[0-2]|[12]?\\d)$")) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(text.substring(slash + 1));
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return parse(text.substring(0, slash)).map(a -> new Cidr(a & mask, prefix));
  }

  /** True when the address part is the network address (10.0.0.0/24, not 10.0.0.5/24). */
  public static boolean isAligned(String cidr) {
    return parseCidr(cidr)
        .flatMap(c -> parse(cidr.substring(0, cidr.indexOf('/'))).map(a -> a == c.network()))
        .orElse(false);
  }
}
