package io.vmconsole.nodeagent.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** Waiting for guests through the agent's boot log (no viewer needed). */
public final class Boot {
  public static final Duration TIMEOUT = Duration.ofSeconds(240);

  private Boot() {}

  /** Until the guest printed its ready line and the getty its prompt. */
  public static void awaitLogin(AgentApi api, String vmId) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              String log = api.call("GET", "/v1/vms/" + vmId + "/serial/log", null).raw();
              return GuestOutput.showsReady(log) && log.contains("login: ");
            });
  }
}
