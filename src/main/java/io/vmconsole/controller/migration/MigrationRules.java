package io.vmconsole.controller.migration;

import java.time.Duration;
import java.util.List;

/**
 * The reference's limits for live migrations (api.md §8): how many may run, how long one may take,
 * and when QEMU's auto-converge (CPU throttling) is used. Pure.
 */
public final class MigrationRules {
  public static final int CLUSTER_LIMIT = 5;
  public static final int OUTBOUND_PER_NODE_LIMIT = 2;

  /** A migration whose counters do not move for this long is cancelled. */
  public static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(150);

  private static final long SECONDS_PER_GIB = 800;

  private MigrationRules() {}

  /**
   * Why a migration from {@code source} must wait, or null when it may start.
   *
   * @param activeSources the source node of every migration in progress in the cluster
   */
  public static String waitReason(List<String> activeSources, String source) {
    if (activeSources.size() >= CLUSTER_LIMIT) {
      return activeSources.size()
          + " migrations are in progress in the cluster (limit "
          + CLUSTER_LIMIT
          + ")";
    }
    long outbound = activeSources.stream().filter(source::equals).count();
    if (outbound >= OUTBOUND_PER_NODE_LIMIT) {
      return outbound
          + " migrations leave node "
          + source
          + " already (limit "
          + OUTBOUND_PER_NODE_LIMIT
          + " per node)";
    }
    return null;
  }

  /** 800 s per GiB of guest memory (no block migration here: disks are on the shared pool). */
  public static Duration completionTimeout(long memoryBytes) {
    return Duration.ofMillis(SECONDS_PER_GIB * 1000 * memoryBytes / (1L << 30));
  }

  /**
   * Whether to throttle the guest's CPUs so the migration converges: the VM's liveMigrationPolicy,
   * and the vmop's {@code force} where the policy leaves the choice (PreferSafe: only with force
   * true; PreferForced: unless force is explicitly false).
   *
   * @param force the vmop's spec.force, null when absent
   */
  public static boolean autoConverge(String liveMigrationPolicy, Boolean force) {
    return switch (liveMigrationPolicy == null ? "PreferSafe" : liveMigrationPolicy) {
      case "AlwaysForced" -> true;
      case "PreferForced" -> !Boolean.FALSE.equals(force);
      case "AlwaysSafe" -> false;
      default -> Boolean.TRUE.equals(force);
    };
  }
}
