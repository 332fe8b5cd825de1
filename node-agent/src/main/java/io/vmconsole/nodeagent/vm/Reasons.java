package io.vmconsole.nodeagent.vm;

import com.fasterxml.jackson.databind.JsonNode;

/** Why a QEMU process ended, from what QMP said before the socket closed (STACK.md). */
public final class Reasons {
  public static final String GUEST_POWERED_OFF = "guest powered off";
  public static final String STOPPED_BY_HOST = "stopped by host";
  public static final String CRASHED = "crashed";
  public static final String PANICKED = "panicked";
  public static final String DEFINED = "defined";
  public static final String STARTED = "started";
  public static final String READOPTED = "re-adopted after agent restart";
  public static final String GONE_WHILE_AGENT_DOWN = "QEMU exited while the agent was not running";

  private Reasons() {}

  /**
   * @param hostStopped the agent asked for the stop (power button or quit)
   * @param shutdown the last SHUTDOWN event, or null when QEMU died without one
   * @param panicked a GUEST_PANICKED event came
   */
  public static String ofExit(boolean hostStopped, JsonNode shutdown, boolean panicked) {
    if (panicked) {
      return PANICKED;
    }
    if (hostStopped) {
      return STOPPED_BY_HOST;
    }
    if (shutdown == null) {
      return CRASHED;
    }
    JsonNode data = shutdown.path("data");
    if (data.path("guest").asBoolean(false)) {
      return "guest-panic".equals(data.path("reason").asText()) ? PANICKED : GUEST_POWERED_OFF;
    }
    return STOPPED_BY_HOST;
  }

  /** Crashed for abnormal ends, Stopped for orderly ones. */
  public static VmState stateOf(String reason) {
    return CRASHED.equals(reason) || PANICKED.equals(reason) ? VmState.Crashed : VmState.Stopped;
  }
}
