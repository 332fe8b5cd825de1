package io.vmconsole.nodeagent.qemu.args;

import io.vmconsole.nodeagent.spec.NetworkPlan;
import java.util.List;

/**
 * One virtio NIC on QEMU user-mode networking. {@code restrict=on} cuts the guest off from the host
 * (its loopback services included); host forwards still work, which is how SSH gets in.
 */
public final class NicConfigurator implements Configurator {
  @Override
  public List<String> args(LaunchPlan p) {
    NetworkPlan n = p.network();
    StringBuilder netdev =
        new StringBuilder("user,id=n0,restrict=on")
            .append(",net=")
            .append(n.network())
            .append('/')
            .append(n.prefix())
            .append(",host=")
            .append(n.gateway())
            .append(",dns=")
            .append(n.dns())
            .append(",dhcpstart=")
            .append(n.address());
    if (p.sshPort() != null) {
      netdev.append(",hostfwd=tcp:127.0.0.1:").append(p.sshPort()).append("-:22");
    }
    return List.of(
        "-netdev", netdev.toString(), "-device", "virtio-net-pci,netdev=n0,mac=" + n.mac());
  }
}
