package io.vmconsole.nodeagent.spec;

/** Dotted IPv4 addresses as ints, for subnet arithmetic on the NIC. */
public final class Ipv4 {
  private Ipv4() {}

  public static int parse(String s, String field) {
    if (s == null) {
      throw new BadRequestException(field, field + " is required");
    }
    String[] p = s.split("\\.", -1);
    if (p.length != 4) {
      throw new BadRequestException(field, field + " is not an IPv4 address: " + s);
    }
    int v = 0;
    for (String part : p) {
      int b;
      try {
        b = Integer.parseInt(part);
      } catch (NumberFormatException e) {
        throw new BadRequestException(field, field + " is not an IPv4 address: " + s);
      }
      if (b < 0 || b > 255 || part.length() > 3) {
        throw new BadRequestException(field, field + " is not an IPv4 address: " + s);
      }
      v = (v << 8) | b;
    }
    return v;
  }

  public static String format(int v) {
    return ((v >>> 24) & 255)
        + "."
        + ((v >>> 16) & 255)
        + "."
        + ((v >>> 8) & 255)
        + "."
        + (v & 255);
  }

  public static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }
}
