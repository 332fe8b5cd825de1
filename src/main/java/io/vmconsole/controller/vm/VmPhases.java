package io.vmconsole.controller.vm;

import io.vmconsole.agent.AgentVm;
import io.vmconsole.api.vm.VmStats;
import io.vmconsole.api.vm.VmStats.LaunchTimeDuration;
import io.vmconsole.api.vm.VmStats.PhaseTransition;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The VM's phase from what the agent reports and what the controller intends; the phase history.
 */
public final class VmPhases {
  /** How many phase transitions status.stats keeps (the oldest go). */
  static final int TRANSITIONS_KEPT = 20;

  private VmPhases() {}

  /**
   * @param vm the agent's report (null: the agent does not know the VM)
   * @param wantRunning the controller's intent after this reconcile
   * @param ready whether class, disks and provisioning data are all there and the VM has a node
   */
  static String phase(boolean deleting, AgentVm vm, boolean wantRunning, boolean ready) {
    if (deleting) {
      return "Terminating";
    }
    if (vm != null && vm.active()) {
      return vm.state();
    }
    if (!wantRunning) {
      return "Stopped";
    }
    // A VM that should run but lacks a dependency, or a place, waits.
    return ready ? "Starting" : "Pending";
  }

  /**
   * stats with a transition appended when the phase changed, and launch durations on reaching
   * Running.
   *
   * @param previous the stats as written before (null: none yet)
   * @param previousPhase null or empty: the VM had none yet
   */
  public static VmStats stats(VmStats previous, String previousPhase, String phase, Instant now) {
    VmStats stats = previous != null ? previous : new VmStats(null, null, null);
    if (phase.equals(previousPhase)) {
      return stats;
    }
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    List<PhaseTransition> transitions =
        new ArrayList<>(stats.phasesTransitions() == null ? List.of() : stats.phasesTransitions());
    transitions.add(new PhaseTransition(phase, time));
    while (transitions.size() > TRANSITIONS_KEPT) {
      transitions.remove(0);
    }
    // A VM arriving from a live migration did not start: its uptime goes on.
    if (!phase.equals("Running") || "Migrating".equals(previousPhase)) {
      return new VmStats(transitions, stats.launchTimeDuration(), stats.lastStartTime());
    }
    Instant pending = last(transitions, "Pending");
    Instant starting = last(transitions, "Starting");
    String waiting =
        pending != null && starting != null && !starting.isBefore(pending)
            ? go(Duration.between(pending, starting))
            : null;
    String launching = starting != null ? go(Duration.between(starting, now)) : null;
    return new VmStats(transitions, new LaunchTimeDuration(waiting, launching, null), time);
  }

  private static Instant last(List<PhaseTransition> transitions, String phase) {
    Instant found = null;
    for (PhaseTransition t : transitions) {
      if (phase.equals(t.phase())) {
        found = Instant.parse(t.timestamp());
      }
    }
    return found;
  }

  /** A Go duration string, as Kubernetes prints them: 1m5s, 7s. */
  static String go(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return (s >= 3600 ? s / 3600 + "h" : "")
        + (s >= 60 ? (s % 3600) / 60 + "m" : "")
        + s % 60
        + "s";
  }
}
