package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One active operation per VM, and the reference's supersede rules (issue 4 §6). */
class OperationSupersedeIT extends VmItSupport {

  @Test
  void stopWhileAStartIsInProgressSupersedesIt() throws Exception {
    String ns = newNamespace("supersede");
    // The Secret is missing, so the Start stays InProgress: the VM cannot start yet.
    apply(ns, smallVm("waits", "Manual", """
        provisioning:
          type: UserDataRef
          userDataRef:
            kind: Secret
            name: not-yet
        """));
    awaitPhase(ns, "waits", "Stopped", Duration.ofSeconds(60));
    operation(ns, "start", "waits", "Start", false);
    awaitOp(ns, "start", "InProgress", Duration.ofSeconds(30));
    awaitPhase(ns, "waits", "Pending", Duration.ofSeconds(30));
    operation(ns, "stop", "waits", "Stop", false);
    JsonNode start = awaitOp(ns, "start", "Completed", Duration.ofSeconds(30));
    assertThat(opReason(start)).isEqualTo("Superseded");
    awaitOp(ns, "stop", "Completed", Duration.ofSeconds(30));
    awaitPhase(ns, "waits", "Stopped", Duration.ofSeconds(30));
  }

  @Test
  void aRestartWhileAStopIsActiveWaitsPendingThenRuns() throws Exception {
    String ns = newNamespace("queue");
    apply(ns, smallVm("busy", "Manual", ""));
    awaitPhase(ns, "busy", "Stopped", Duration.ofSeconds(60));
    operation(ns, "start", "busy", "Start", false);
    awaitOp(ns, "start", "Completed", BOOT);
    // Stopped while the guest still boots: the power button goes unheard and the stop takes its grace period.
    apply(ns, """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineOperation
        metadata:
          name: stop
        spec:
          virtualMachineName: busy
          type: Stop
        ---
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineOperation
        metadata:
          name: restart
        spec:
          virtualMachineName: busy
          type: Restart
        """);
    awaitOp(ns, "stop", "InProgress", Duration.ofSeconds(30));
    JsonNode waiting = awaitOp(ns, "restart", "Pending", Duration.ofSeconds(30));
    assertThat(opReason(waiting)).isEqualTo("WaitingForActiveOperation");
    assertThat(vmop(ns, "stop").path("status").path("phase").asText()).isEqualTo("InProgress");
    awaitOp(ns, "stop", "Completed", BOOT);
    awaitOp(ns, "restart", "Completed", BOOT);
    assertThat(phase(ns, "busy")).isEqualTo("Running");
    client.genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE).inNamespace(ns)
        .withName("busy").delete();
  }

  @Test
  void evictingAStoppedVmRestoreAndCloneFailAndSpecsCannotChange() throws Exception {
    String ns = newNamespace("unsupported");
    apply(ns, smallVm("plain", "Manual", ""));
    awaitPhase(ns, "plain", "Stopped", Duration.ofSeconds(60));
    operation(ns, "evict", "plain", "Evict", false);
    JsonNode evict = awaitOp(ns, "evict", "Failed", Duration.ofSeconds(30));
    assertThat(opReason(evict)).isEqualTo("NotApplicable");
    assertThat(evict.path("status").path("conditions").path(0).path("message").asText())
        .isEqualTo("the VM is not running (phase Stopped): only a running VM can live-migrate");
    apply(ns, """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineOperation
        metadata:
          name: restore
        spec:
          virtualMachineName: plain
          type: Restore
          restore:
            mode: Strict
            virtualMachineSnapshotName: snap
        """);
    assertThat(opReason(awaitOp(ns, "restore", "Failed", Duration.ofSeconds(30)))).isEqualTo("NotSupported");
    var change = kubectl().run("patch", "vmop", "evict", "-n", ns, "--type=merge", "-p",
        "{\"spec\":{\"type\":\"Restart\"}}");
    assertThat(change.exit()).isNotZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> vmop(ns, "evict").path("spec").path("type").asText()
        .equals("Evict"));
  }
}
