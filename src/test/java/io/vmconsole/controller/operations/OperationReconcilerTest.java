package io.vmconsole.controller.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.testsupport.SimulatedControlPlane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One active operation per VM and the reference's supersede rules (issue 4 §6), against simulated
 * hypervisors. OperationSupersedeIT keeps what needs kubectl: an operation's spec cannot change.
 */
class OperationReconcilerTest {
  private static SimulatedControlPlane plane;

  @BeforeAll
  static void start() throws Exception {
    plane = new SimulatedControlPlane(1);
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  private static JsonNode awaitOp(String ns, String name, String phase) {
    await()
        .until(
            () ->
                plane
                    .get("VirtualMachineOperation", ns, name)
                    .path("status")
                    .path("phase")
                    .asText()
                    .equals(phase));
    return plane.get("VirtualMachineOperation", ns, name).path("status");
  }

  private static String reason(JsonNode status) {
    return status.path("conditions").path(0).path("reason").asText();
  }

  @Test
  void aStopWhileAStartIsInProgressSupersedesIt() {
    String ns = plane.namespace("supersede");
    // The Secret is missing, so the Start stays InProgress: the VM cannot start yet.
    plane.vm(
        ns,
        "waits",
        "runPolicy: Manual\n  provisioning: {type: UserDataRef, userDataRef: {kind: Secret, name: "
            + "not-yet}}");
    await().until(() -> plane.vmStatus(ns, "waits").path("phase").asText().equals("Stopped"));
    String start = plane.operation(ns, "waits", "Start", "");
    awaitOp(ns, start, "InProgress");
    await().until(() -> plane.vmStatus(ns, "waits").path("phase").asText().equals("Pending"));
    String stop = plane.operation(ns, "waits", "Stop", "");
    assertThat(reason(awaitOp(ns, start, "Completed"))).isEqualTo("Superseded");
    awaitOp(ns, stop, "Completed");
    await().until(() -> plane.vmStatus(ns, "waits").path("phase").asText().equals("Stopped"));
  }

  @Test
  void aRestartWhileAStopIsActiveWaitsPendingThenRuns() {
    String ns = plane.namespace("queue");
    plane.vm(ns, "busy", "runPolicy: Manual");
    await().until(() -> plane.vmStatus(ns, "busy").path("phase").asText().equals("Stopped"));
    awaitOp(ns, plane.operation(ns, "busy", "Start", ""), "Completed");
    plane.host("node-1").holdGracefulStops(true);
    try {
      String stop = plane.operation(ns, "busy", "Stop", "");
      awaitOp(ns, stop, "InProgress");
      String restart = plane.operation(ns, "busy", "Restart", "");
      assertThat(reason(awaitOp(ns, restart, "Pending"))).isEqualTo("WaitingForActiveOperation");
      assertThat(
              plane.get("VirtualMachineOperation", ns, stop).path("status").path("phase").asText())
          .isEqualTo("InProgress");
      plane.host("node-1").finishStops();
      awaitOp(ns, stop, "Completed");
      awaitOp(ns, restart, "Completed");
    } finally {
      plane.host("node-1").holdGracefulStops(false);
    }
    assertThat(plane.vmStatus(ns, "busy").path("phase").asText()).isEqualTo("Running");
  }
}
