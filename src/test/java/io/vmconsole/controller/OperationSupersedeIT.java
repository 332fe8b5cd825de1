package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Operations with real kubectl: what cannot run fails with the reason, and an operation's spec
 * cannot change. The supersede and queueing rules are decisions alone: OperationReconcilerTest.
 */
class OperationSupersedeIT extends VmItSupport {

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
    apply(
        ns,
        """
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
    assertThat(opReason(awaitOp(ns, "restore", "Failed", Duration.ofSeconds(30))))
        .isEqualTo("NotSupported");
    var change =
        kubectl()
            .run(
                "patch",
                "vmop",
                "evict",
                "-n",
                ns,
                "--type=merge",
                "-p",
                "{\"spec\":{\"type\":\"Restart\"}}");
    assertThat(change.exit()).isNotZero();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> vmop(ns, "evict").path("spec").path("type").asText().equals("Evict"));
  }
}
