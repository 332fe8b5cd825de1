package io.vmconsole.controller.vm;

import io.vmconsole.agent.AgentVm;

/**
 * The runPolicy table (issue 4 §5) as a pure function: from the policy, the remembered power intent
 * and what the agent reports, what to do now and what intent to remember.
 */
public final class PowerPolicy {

  public enum Action {
    NONE,
    START,
    STOP
  }

  /**
   * @param power the intent to store ("on"/"off")
   * @param stopHandled whether the observed stop has now been dealt with (remember its time)
   */
  public record Decision(Action action, String power, boolean stopHandled) {}

  private PowerPolicy() {}

  /** The intent of a VM the controller has not seen before. */
  public static String initialPower(String policy) {
    return switch (policy) {
      case "Manual", "AlwaysOff" -> "off";
      default -> "on";
    };
  }

  /**
   * @param power the remembered intent (null: initial)
   * @param vm the agent's report, null when the agent has never heard of the VM
   * @param newStop whether the agent reports a stop the controller has not handled yet (and did not
   *     ask for)
   */
  public static Decision decide(String policy, String power, AgentVm vm, boolean newStop) {
    String intent =
        switch (policy) {
          case "AlwaysOff" -> "off";
          case "AlwaysOn" -> "on";
          default -> power == null ? initialPower(policy) : power;
        };
    boolean active = vm != null && vm.active();
    if (active) {
      return new Decision(intent.equals("off") ? Action.STOP : Action.NONE, intent, false);
    }
    if (newStop && intent.equals("on")) {
      boolean guestOff = "guest powered off".equals(vm.reason());
      boolean restart =
          switch (policy) {
            case "AlwaysOn" -> true;
            case "AlwaysOnUnlessStoppedManually" -> !guestOff;
            default -> false;
          };
      return restart
          ? new Decision(Action.START, "on", true)
          : new Decision(Action.NONE, "off", true);
    }
    return new Decision(intent.equals("on") ? Action.START : Action.NONE, intent, newStop);
  }
}
