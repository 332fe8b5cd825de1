package io.vmconsole.controller.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentVm;
import java.time.Duration;
import java.time.Instant;

/**
 * The VM's phase from what the agent reports and what the controller intends; the phase history.
 */
public final class VmPhases {
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
   */
  public static ObjectNode stats(
      JsonNode previousStats, String previousPhase, String phase, Instant now) {
    ObjectNode stats =
        previousStats != null && previousStats.isObject()
            ? ((ObjectNode) previousStats).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    if (phase.equals(previousPhase)) {
      return stats;
    }
    String time = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    ArrayNode transitions = stats.withArray("phasesTransitions");
    transitions.addObject().put("phase", phase).put("timestamp", time);
    while (transitions.size() > 20) {
      transitions.remove(0);
    }
    // A VM arriving from a live migration did not start: its uptime goes on.
    if (phase.equals("Running") && !"Migrating".equals(previousPhase)) {
      Instant pending = last(transitions, "Pending");
      Instant starting = last(transitions, "Starting");
      ObjectNode launch = stats.putObject("launchTimeDuration");
      if (pending != null && starting != null && !starting.isBefore(pending)) {
        launch.put("waitingForDependencies", go(Duration.between(pending, starting)));
      }
      if (starting != null) {
        launch.put("virtualMachineStarting", go(Duration.between(starting, now)));
      }
      stats.put("lastStartTime", time);
    }
    return stats;
  }

  private static Instant last(ArrayNode transitions, String phase) {
    Instant found = null;
    for (JsonNode t : transitions) {
      if (t.path("phase").asText().equals(phase)) {
        found = Instant.parse(t.path("timestamp").asText());
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
