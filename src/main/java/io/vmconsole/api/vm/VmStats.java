package io.vmconsole.api.vm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Timing facts the controller records about a VM's life; durations are Go duration strings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VmStats(
    List<PhaseTransition> phasesTransitions,
    LaunchTimeDuration launchTimeDuration,
    String lastStartTime) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PhaseTransition(String phase, String timestamp) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LaunchTimeDuration(
      String waitingForDependencies, String virtualMachineStarting, String guestOSAgentStarting) {}
}
