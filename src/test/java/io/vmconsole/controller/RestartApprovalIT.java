package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Changes to a running VM (issue 4 §7): labels, annotations, runPolicy and default values written
 * out never ask for a restart; under restartApprovalMode Automatic a restart-needing change
 * restarts the VM by itself and the new QEMU runs the new spec.
 */
class RestartApprovalIT extends VmItSupport {

  private void merge(String ns, String name, String patch) throws Exception {
    var r = kubectl().run("patch", "vm", name, "-n", ns, "--type=merge", "-p", patch);
    assertThat(r.exit()).as(r.err()).isZero();
  }

  private void noRestartAsked(String ns, String name, long pid) {
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              JsonNode vm = vm(ns, name);
              return vm.path("status").path("restartAwaitingChanges").isEmpty()
                  && condition(vm, "AwaitingRestartToApplyConfiguration").startsWith("False")
                  && pid == guests().vm(node(vm), uid(vm)).pid();
            });
  }

  @Test
  void harmlessChangesNeverAskForARestartAndAutomaticApprovalRestartsByItself() throws Exception {
    String ns = newNamespace("approval");
    apply(ns, smallVm("auto", "AlwaysOnUnlessStoppedManually", ""));
    JsonNode vm = awaitPhase(ns, "auto", "Running", BOOT);
    long pid = guests().vm(node(vm), uid(vm)).pid();

    var label = kubectl().run("label", "vm", "auto", "-n", ns, "tier=gold");
    assertThat(label.exit()).as(label.err()).isZero();
    noRestartAsked(ns, "auto", pid);
    var annotate = kubectl().run("annotate", "vm", "auto", "-n", ns, "team=blue");
    assertThat(annotate.exit()).as(annotate.err()).isZero();
    noRestartAsked(ns, "auto", pid);
    merge(ns, "auto", "{\"spec\":{\"runPolicy\":\"AlwaysOn\"}}");
    noRestartAsked(ns, "auto", pid);
    merge(
        ns,
        "auto",
        "{\"spec\":{\"osType\":\"Generic\",\"bootloader\":\"BIOS\",\"enableParavirtualization\":true,"
            + "\"liveMigrationPolicy\":\"PreferSafe\",\"disruptions\":{\"restartApprovalMode\":\"Manual\"}}}");
    noRestartAsked(ns, "auto", pid);
    assertThat(phase(ns, "auto")).isEqualTo("Running");

    merge(ns, "auto", "{\"spec\":{\"disruptions\":{\"restartApprovalMode\":\"Automatic\"}}}");
    noRestartAsked(ns, "auto", pid);
    merge(ns, "auto", "{\"spec\":{\"cpu\":{\"cores\":2}}}");
    JsonNode restarted =
        awaitVm(
            ns,
            "auto",
            BOOT,
            v ->
                "Running".equals(v.path("status").path("phase").asText())
                    && guests().vm(node(v), uid(v)).pid() != null
                    && guests().vm(node(v), uid(v)).pid() != pid);
    assertThat(guests().vm(node(restarted), uid(restarted)).cores()).isEqualTo(2);
    awaitVm(
        ns,
        "auto",
        Duration.ofSeconds(30),
        v ->
            v.path("status").path("restartAwaitingChanges").isEmpty()
                && condition(v, "AwaitingRestartToApplyConfiguration").startsWith("False"));
    delete(ns, "auto");
  }

  void delete(String ns, String name) {
    client
        .genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName(name)
        .delete();
  }

  @Test
  void aStoppedVmTakesTheNewSpecAtOnce() throws Exception {
    String ns = newNamespace("stopped");
    apply(ns, smallVm("idle", "Manual", ""));
    awaitPhase(ns, "idle", "Stopped", Duration.ofSeconds(60));
    merge(ns, "idle", "{\"spec\":{\"cpu\":{\"cores\":2}}}");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              JsonNode v = vm(ns, "idle");
              return v.path("status").path("restartAwaitingChanges").isEmpty()
                  && v.path("status").path("observedGeneration").asLong()
                      == v.path("metadata").path("generation").asLong();
            });
    operation(ns, "start-idle", "idle", "Start", false);
    awaitOp(ns, "start-idle", "Completed", BOOT);
    JsonNode v = vm(ns, "idle");
    assertThat(guests().vm(node(v), uid(v)).cores()).isEqualTo(2);
    assertThat(v.path("status").path("restartAwaitingChanges")).isEmpty();
    delete(ns, "idle");
  }
}
