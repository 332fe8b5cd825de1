package io.vmconsole.nodeagent.qemu.args;

import io.vmconsole.nodeagent.spec.NetworkPlan;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.nio.file.Path;
import java.util.List;

/** Launch plans for the configurator tables. */
final class Plans {
  static final VmFiles FILES = new VmFiles(Path.of("/s/vms/v1"));

  private Plans() {}

  static VmSpec spec(int cores, long memory, List<VmSpec.Disk> disks, VmSpec.Nic nic) {
    return new VmSpec("web-1", "ns", cores, 100, memory, disks, null, nic, new VmSpec.Ssh(true));
  }

  static LaunchPlan plan(VmSpec spec, String accel, Integer sshPort, boolean seed) {
    return new LaunchPlan(
        "v1",
        spec,
        NetworkPlan.of(spec.nic(), "v1"),
        FILES,
        accel,
        sshPort,
        seed,
        spec.disks().stream().map(VmSpec.Disk::id).toList());
  }

  static VmSpec.Disk disk(String node, String path, String format, boolean ro, String media) {
    return new VmSpec.Disk("id-" + node, node, path, format, ro, media);
  }
}
