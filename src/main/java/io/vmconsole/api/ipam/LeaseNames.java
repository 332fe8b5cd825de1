package io.vmconsole.api.ipam;

import java.util.Optional;
import java.util.regex.Pattern;

/** The mapping between an IPv4 address and its lease name, both ways (api.md §4). */
public final class LeaseNames {

  private static final Pattern NAME =
      Pattern.compile(
          "^ip-(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(-(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

  private LeaseNames() {}

  /** 10.66.10.14 → ip-10-66-10-14. */
  public static String fromAddress(String ipv4) {
    return "ip-" + ipv4.replace('.', '-');
  }

  /** ip-10-66-10-14 → 10.66.10.14, empty when the name is not a lease name. */
  public static Optional<String> toAddress(String leaseName) {
    if (leaseName == null || !NAME.matcher(leaseName).matches()) {
      return Optional.empty();
    }
    return Optional.of(leaseName.substring(3).replace('-', '.'));
  }
}
