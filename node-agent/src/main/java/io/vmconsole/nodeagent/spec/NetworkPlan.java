package io.vmconsole.nodeagent.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The NIC as the guest and QEMU's user-mode network see it. QEMU's slirp needs its gateway ("host")
 * and DNS addresses inside the guest's subnet and distinct from the guest's own address; the
 * console's values are used when they fit, otherwise the first free host addresses are chosen.
 */
public record NetworkPlan(
    String address, int prefix, String network, String gateway, String dns, String mac) {

  public static final VmSpec.Nic DEFAULT_NIC =
      new VmSpec.Nic("10.0.2.15", 24, "10.0.2.2", List.of("10.0.2.3"), null);

  public static NetworkPlan of(VmSpec.Nic nicOrNull, String vmId) {
    VmSpec.Nic nic = nicOrNull == null ? DEFAULT_NIC : nicOrNull;
    int addr = Ipv4.parse(nic.address(), "spec.nic.address");
    int mask = Ipv4.mask(nic.prefix());
    int net = addr & mask;
    int broadcast = net | ~mask;
    if (addr == net || addr == broadcast) {
      throw new BadRequestException(
          "spec.nic.address", "address is the network or broadcast address of its subnet");
    }
    List<Integer> taken = new ArrayList<>(List.of(addr));
    int gw = pick(nic.gateway(), net, mask, broadcast, taken);
    taken.add(gw);
    int dns = pick(nic.dns().isEmpty() ? null : nic.dns().get(0), net, mask, broadcast, taken);
    String mac = nic.mac() != null ? nic.mac().toLowerCase() : macFor(vmId);
    return new NetworkPlan(
        Ipv4.format(addr), nic.prefix(), Ipv4.format(net), Ipv4.format(gw), Ipv4.format(dns), mac);
  }

  private static int pick(String wanted, int net, int mask, int broadcast, List<Integer> taken) {
    if (wanted != null) {
      int w = Ipv4.parse(wanted, "spec.nic");
      if ((w & mask) == net && w != net && w != broadcast && !taken.contains(w)) {
        return w;
      }
    }
    Set<Integer> used = Set.copyOf(taken);
    for (int c = net + 1; c < broadcast; c++) {
      if (!used.contains(c)) {
        return c;
      }
    }
    throw new BadRequestException("spec.nic.prefix", "subnet too small for guest, gateway and DNS");
  }

  /** A locally administered, stable MAC per VM (52:54:00 is QEMU's prefix). */
  static String macFor(String vmId) {
    int h = vmId.hashCode();
    return String.format("52:54:00:%02x:%02x:%02x", (h >>> 16) & 255, (h >>> 8) & 255, h & 255);
  }

  /** NoCloud network-config version 2 for eth0 (what the demo image and cloud-init read). */
  public String networkConfig() {
    return "version: 2\n"
        + "ethernets:\n"
        + "  eth0:\n"
        + "    match:\n"
        + "      macaddress: \""
        + mac
        + "\"\n"
        + "    addresses: ["
        + address
        + "/"
        + prefix
        + "]\n"
        + "    routes:\n"
        + "      - to: default\n"
        + "        via: "
        + gateway
        + "\n"
        + "    nameservers:\n"
        + "      addresses: ["
        + dns
        + "]\n";
  }
}
