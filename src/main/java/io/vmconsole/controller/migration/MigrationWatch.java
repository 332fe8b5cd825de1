package io.vmconsole.controller.migration;

import io.vmconsole.agent.AgentMigration;
import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.controller.vm.ActiveMigration;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's memory of the migrations it follows, per migration id: the progress heuristic,
 * when the counters last moved, and why the controller cancelled one (a timeout, a deleted vmop) —
 * so the vmop then says why it ended. Lost on a console restart by design: a restarted console
 * starts the clocks again and goes on from the percent the vmop shows.
 */
final class MigrationWatch {
  private static final Logger log = LoggerFactory.getLogger(MigrationWatch.class);
  private final Map<String, MigrationProgressHeuristic.Tracker> trackers =
      new ConcurrentHashMap<>();
  private final Map<String, Movement> movements = new ConcurrentHashMap<>();
  private final Map<String, String> cancelled = new ConcurrentHashMap<>();

  private record Movement(String counters, Instant since) {}

  /** A migration just started: its progress starts at 0%. */
  void started(String id) {
    trackers.put(id, MigrationProgressHeuristic.Tracker.from(0));
  }

  /** The next progress figure from the source's counters. */
  MigrationProgressHeuristic.Result progress(VmopObject op, String id, AgentMigration m) {
    // A restarted console goes on from the percent shown: it never decreases.
    MigrationProgressHeuristic.Tracker tracker =
        trackers.computeIfAbsent(
            id, k -> MigrationProgressHeuristic.Tracker.from(op.progressPercent()));
    MigrationProgressHeuristic.Result result =
        MigrationProgressHeuristic.next(
            tracker,
            new MigrationProgressHeuristic.Sample(
                m.state(), m.bytesRemaining(), m.bytesTotal(), m.iterations()));
    trackers.put(id, result.tracker());
    return result;
  }

  /** Records why the controller cancels a migration; only the first reason counts. */
  boolean cancelled(String id, String why) {
    return cancelled.putIfAbsent(id, why) == null;
  }

  /** Why the controller cancelled the migration, if it did. */
  Optional<String> cancelReason(String id) {
    return Optional.ofNullable(cancelled.get(id));
  }

  /**
   * No progress for {@link MigrationRules#PROGRESS_TIMEOUT}, or longer than the completion timeout
   * of the VM's memory: the reason to cancel, the first time it is found.
   *
   * @param m the source's report, null when the source did not answer
   */
  Optional<String> timedOut(ActiveMigration migration, AgentMigration m, long memoryBytes) {
    Instant now = Instant.now();
    String counters =
        m == null
            ? ""
            : m.state()
                + "/"
                + m.bytesTransferred()
                + "/"
                + m.bytesRemaining()
                + "/"
                + m.iterations();
    Movement last =
        movements.compute(
            migration.id(),
            (k, old) ->
                old == null || (m != null && !old.counters().equals(counters))
                    ? new Movement(counters, now)
                    : old);
    Duration limit = MigrationRules.completionTimeout(memoryBytes);
    String why = null;
    if (Duration.between(last.since(), now).compareTo(MigrationRules.PROGRESS_TIMEOUT) > 0) {
      why = "no progress for " + MigrationRules.PROGRESS_TIMEOUT.toSeconds() + " s";
    } else if (Duration.between(Instant.parse(migration.start()), now).compareTo(limit) > 0) {
      why = "not completed within " + limit.toSeconds() + " s (800 s per GiB of memory)";
    }
    if (why != null && cancelled(migration.id(), "the migration timed out: " + why)) {
      log.info("migration {}: {}", migration.id(), why);
      return Optional.of(why);
    }
    return Optional.empty();
  }

  /** The migration ended: forget it. */
  void forget(String id) {
    trackers.remove(id);
    movements.remove(id);
    cancelled.remove(id);
  }
}
