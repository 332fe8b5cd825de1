package io.vmconsole.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an agent says of one VM: its state (Starting, Running, Stopping, Stopped, Crashed), why, the
 * QEMU pid while active, and the spec it runs (or will run).
 */
public record AgentVm(
    String vmId, String state, String reason, String since, Long pid, boolean guestAgentUp, JsonNode raw) {

  public static AgentVm of(JsonNode status) {
    JsonNode pid = status.path("pid");
    return new AgentVm(
        status.path("vmId").asText(),
        status.path("state").asText(),
        status.path("reason").asText(null),
        status.path("since").asText(null),
        pid.isNumber() ? pid.asLong() : null,
        "up".equals(status.path("guest").path("agent").asText()),
        status);
  }

  public boolean active() {
    return state.equals("Starting") || state.equals("Running") || state.equals("Stopping");
  }

  public int cores() {
    return raw.path("spec").path("cores").asInt(0);
  }
}
