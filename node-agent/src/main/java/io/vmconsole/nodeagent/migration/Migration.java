package io.vmconsole.nodeagent.migration;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * One migration on this agent, source or target side. Mutable under its own monitor; every change
 * of state or progress is reported to the registry's listener (the event stream).
 */
final class Migration {
  enum Role {
    source,
    target
  }

  /** What the side running the migration does on cancel and on live setting changes. */
  interface Control {
    void cancel();

    void setMaxBandwidth(long bytesPerSecond);

    void setAutoConverge(boolean on);

    void setDowntimeLimit(long ms);
  }

  final String id;
  final String vmId;
  final Role role;
  final String sourceNode;
  final String targetNode;
  private final Clock clock;
  private final Consumer<Migration> changed;
  private final String startedAt;
  private final long startedNanos = System.nanoTime();
  private MigrationState state = MigrationState.Preparing;
  private String reason;
  private String finishedAt;
  private Progress progress = Progress.NONE;
  private Long downtimeMs;
  private Long totalMs;
  private boolean autoConverge;
  private long maxBandwidth;
  private Long downtimeLimitMs;
  private Control control;

  Migration(
      String id,
      String vmId,
      Role role,
      String sourceNode,
      String targetNode,
      Clock clock,
      Consumer<Migration> changed) {
    this.id = id;
    this.vmId = vmId;
    this.role = role;
    this.sourceNode = sourceNode;
    this.targetNode = targetNode;
    this.clock = clock;
    this.changed = changed;
    this.startedAt = clock.instant().toString();
  }

  synchronized MigrationState state() {
    return state;
  }

  synchronized Control control() {
    return control;
  }

  synchronized void control(Control c) {
    this.control = c;
  }

  synchronized void settings(boolean autoConverge, long maxBandwidth) {
    this.autoConverge = autoConverge;
    this.maxBandwidth = maxBandwidth;
  }

  synchronized boolean autoConverge() {
    return autoConverge;
  }

  /** QEMU's downtime-limit on the source (null on the target, which does not decide it). */
  synchronized void downtimeLimitMs(long ms) {
    downtimeLimitMs = ms;
  }

  synchronized Long downtimeLimitMs() {
    return downtimeLimitMs;
  }

  /** False when already finished: the first end wins. */
  boolean moveTo(MigrationState next, String why) {
    synchronized (this) {
      if (state.finished()) {
        return false;
      }
      state = next;
      if (why != null) {
        reason = why;
      }
      if (next.finished()) {
        finishedAt = clock.instant().toString();
        totalMs = (System.nanoTime() - startedNanos) / 1_000_000;
      }
    }
    changed.accept(this);
    return true;
  }

  void progress(Progress p) {
    synchronized (this) {
      if (p.equals(progress)) {
        return;
      }
      progress = p;
    }
    changed.accept(this);
  }

  synchronized void downtimeMs(long ms) {
    downtimeMs = ms;
  }

  synchronized MigrationStatus status() {
    return new MigrationStatus(
        id,
        vmId,
        role.name(),
        state.name(),
        reason,
        sourceNode,
        targetNode,
        startedAt,
        finishedAt,
        progress,
        downtimeMs,
        totalMs,
        autoConverge,
        maxBandwidth,
        downtimeLimitMs);
  }
}
