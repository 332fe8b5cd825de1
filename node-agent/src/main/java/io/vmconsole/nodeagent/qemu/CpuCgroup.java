package io.vmconsole.nodeagent.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * coreFraction as a cgroup v1 cpu quota (cgroup v2 has no cpu controller on these hosts): one group
 * per VM under {@code <root>/vmconsole/<vmId>}, quota = fraction × cores × period. QEMU's pid is
 * put into the group before exec, so every thread it creates is limited too.
 */
public final class CpuCgroup {
  private static final Logger LOG = Logger.getLogger(CpuCgroup.class.getName());
  static final long PERIOD_US = 100_000;
  private final Path base;
  private final boolean writable;

  public CpuCgroup(Path cpuRoot, boolean writable) {
    this.base = cpuRoot.resolve("vmconsole");
    this.writable = writable;
  }

  public boolean enforced() {
    return writable;
  }

  /** Quota in µs per period; -1 means unlimited (100% of every core). */
  public static long quotaUs(int cores, int fractionPercent) {
    return fractionPercent >= 100 ? -1 : PERIOD_US * cores * fractionPercent / 100;
  }

  /** Creates (or reuses) the VM's group with its quota; the procs file to write the pid into. */
  public Optional<Path> prepare(String vmId, int cores, int fraction) {
    if (!writable) {
      return Optional.empty();
    }
    try {
      Path g = base.resolve(vmId);
      Files.createDirectories(g);
      Files.writeString(g.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
      Files.writeString(g.resolve("cpu.cfs_quota_us"), Long.toString(quotaUs(cores, fraction)));
      return Optional.of(g.resolve("cgroup.procs"));
    } catch (IOException e) {
      LOG.warning("cannot prepare cpu cgroup for " + vmId + ": " + e);
      return Optional.empty();
    }
  }

  /** Live change; false when the group is not there (not enforced). */
  public boolean setQuota(String vmId, int cores, int fraction) {
    Path q = base.resolve(vmId).resolve("cpu.cfs_quota_us");
    if (!writable || !Files.exists(q)) {
      return false;
    }
    try {
      Files.writeString(q, Long.toString(quotaUs(cores, fraction)));
      return true;
    } catch (IOException e) {
      LOG.warning("cannot change cpu quota of " + vmId + ": " + e);
      return false;
    }
  }

  /** Whether {@code pid} is in the VM's group (re-adoption reports enforcement from this). */
  public boolean contains(String vmId, long pid) {
    try {
      return Files.readAllLines(base.resolve(vmId).resolve("cgroup.procs")).stream()
          .anyMatch(l -> l.strip().equals(Long.toString(pid)));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * After QEMU exited. The kernel refuses while a task remains, and QEMU's main thread turns zombie
   * before its other threads are gone, so the caller retries while this returns false.
   */
  public boolean remove(String vmId) {
    try {
      Files.deleteIfExists(base.resolve(vmId));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@link #remove} now and then every 100 ms for up to 10 s. */
  public void removeSoon(String vmId, java.util.concurrent.ScheduledExecutorService timers) {
    removeSoon(vmId, timers, 100);
  }

  private void removeSoon(
      String vmId, java.util.concurrent.ScheduledExecutorService timers, int triesLeft) {
    if (!remove(vmId) && triesLeft > 0) {
      timers.schedule(
          () -> removeSoon(vmId, timers, triesLeft - 1),
          100,
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }
}
