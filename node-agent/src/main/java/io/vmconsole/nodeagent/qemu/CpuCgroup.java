package io.vmconsole.nodeagent.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * coreFraction as a guaranteed share, as in the platform the seed describes (cgroup v1: cgroup v2
 * has no cpu controller on these hosts). One group per VM under {@code <root>/vmconsole/<vmId>}:
 * {@code cpu.shares} in proportion to fraction × cores (1024 per core, as Kubernetes turns a CPU
 * request into shares), so under contention the VM gets at least its part; and a quota of its cores
 * ({@code cpu.cfs_quota_us} = cores × period), so on idle CPUs it may use up to its cores and no
 * more. QEMU's pid is put into the group before exec, so every thread it creates is in it too.
 */
public final class CpuCgroup {
  private static final Logger LOG = Logger.getLogger(CpuCgroup.class.getName());
  static final long PERIOD_US = 100_000;
  static final long SHARES_PER_CORE = 1024;
  // The kernel's floor for cpu.shares.
  static final long MIN_SHARES = 2;
  private final Path base;
  private final boolean writable;

  public CpuCgroup(Path cpuRoot, boolean writable) {
    this.base = cpuRoot.resolve("vmconsole");
    this.writable = writable;
  }

  public boolean enforced() {
    return writable;
  }

  /** The weight of a VM that is guaranteed {@code fractionPercent} of each of its cores. */
  public static long shares(int cores, int fractionPercent) {
    return Math.max(MIN_SHARES, SHARES_PER_CORE * cores * fractionPercent / 100);
  }

  /** The ceiling in µs per period: the VM's cores, whatever its fraction. */
  public static long quotaUs(int cores) {
    return PERIOD_US * cores;
  }

  /** Creates (or reuses) the VM's group with its weight and ceiling; the procs file for the pid. */
  public Optional<Path> prepare(String vmId, int cores, int fraction) {
    if (!writable) {
      return Optional.empty();
    }
    try {
      Path g = base.resolve(vmId);
      Files.createDirectories(g);
      Files.writeString(g.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
      Files.writeString(g.resolve("cpu.cfs_quota_us"), Long.toString(quotaUs(cores)));
      Files.writeString(g.resolve("cpu.shares"), Long.toString(shares(cores, fraction)));
      return Optional.of(g.resolve("cgroup.procs"));
    } catch (IOException e) {
      LOG.warning("cannot prepare cpu cgroup for " + vmId + ": " + e);
      return Optional.empty();
    }
  }

  /** A live change of the fraction (the weight); false when the group is not there. */
  public boolean setFraction(String vmId, int cores, int fraction) {
    Path shares = base.resolve(vmId).resolve("cpu.shares");
    if (!writable || !Files.exists(shares)) {
      return false;
    }
    try {
      Files.writeString(shares, Long.toString(shares(cores, fraction)));
      return true;
    } catch (IOException e) {
      LOG.warning("cannot change cpu shares of " + vmId + ": " + e);
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
