package io.vmconsole.nodeagent.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether coreFraction can be enforced: cgroup v2 has no cpu controller on these hosts, so the
 * agent uses cgroup v1 {@code cpu.cfs_quota_us} (STACK.md). Proof is creating (and removing) a
 * child group.
 */
public final class CpuQuotaProbe {
  private CpuQuotaProbe() {}

  public static boolean cgroupV1CpuWritable(Path cpuRoot) {
    if (!Files.isRegularFile(cpuRoot.resolve("cpu.cfs_quota_us"))) {
      return false;
    }
    Path probe = cpuRoot.resolve("vmconsole-probe-" + ProcessHandle.current().pid());
    try {
      Files.createDirectory(probe);
      boolean ok = Files.isRegularFile(probe.resolve("cpu.cfs_quota_us"));
      Files.delete(probe);
      return ok;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
