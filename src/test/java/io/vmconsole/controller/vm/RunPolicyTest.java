package io.vmconsole.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.SimulatedControlPlane;
import io.vmconsole.testsupport.SimulatedHypervisor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every cell of the runPolicy table (issue 4 §5) and the policy switches, against simulated
 * hypervisors: what a crash (QEMU killed) and a guest's own power-off do under each policy, and
 * what Start, Stop and Restart answer. RunPolicyIT shows one row with a real guest.
 */
class RunPolicyTest {
  private static SimulatedControlPlane plane;

  @BeforeAll
  static void start() throws Exception {
    plane = new SimulatedControlPlane(1);
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  private static SimulatedHypervisor host() {
    return plane.host("node-1");
  }

  private static String phase(String ns, String vm) {
    return plane.vmStatus(ns, vm).path("phase").asText();
  }

  private static AgentVm agentVm(String ns, String vm) {
    return host().known(plane.uid(ns, vm)).orElseThrow();
  }

  private static long pid(String ns, String vm) {
    return agentVm(ns, vm).pid();
  }

  /** Waits until the VM runs again under a QEMU other than {@code before}. */
  private static void restartedFrom(String ns, String vm, long before) {
    await()
        .until(
            () ->
                phase(ns, vm).equals("Running")
                    && agentVm(ns, vm).pid() != null
                    && agentVm(ns, vm).pid() != before);
  }

  private static void staysPhase(String ns, String vm, String phase) {
    await().until(() -> phase(ns, vm).equals(phase));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> phase(ns, vm).equals(phase));
  }

  /** Runs an operation to its end and answers its Completed condition's reason. */
  private static String op(String ns, String vm, String type, String expectedPhase) {
    String name = plane.operation(ns, vm, type, "");
    await()
        .until(
            () ->
                plane
                    .get("VirtualMachineOperation", ns, name)
                    .path("status")
                    .path("phase")
                    .asText()
                    .equals(expectedPhase));
    JsonNode status = plane.get("VirtualMachineOperation", ns, name).path("status");
    return status.path("conditions").path(0).path("reason").asText();
  }

  private static void runPolicy(String ns, String vm, String policy) {
    plane
        .client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName(vm)
        .edit(
            r -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> spec =
                  (Map<String, Object>) r.getAdditionalProperties().get("spec");
              spec.put("runPolicy", policy);
              return r;
            });
  }

  @Test
  void alwaysOnUnlessStoppedManuallyRestartsACrashButNotAGuestPowerOff() {
    String ns = plane.namespace("aousm");
    plane.vm(ns, "vm", "runPolicy: AlwaysOnUnlessStoppedManually");
    plane.awaitRunning(ns, "vm");
    long first = pid(ns, "vm");
    String crashed =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    host().crash(plane.uid(ns, "vm"));
    restartedFrom(ns, "vm", first);
    // The restart is shown as one: through Starting, a new start time, and an Event saying why.
    JsonNode stats = plane.vmStatus(ns, "vm").path("stats");
    java.util.List<String> phases = new java.util.ArrayList<>();
    stats.path("phasesTransitions").forEach(t -> phases.add(t.path("phase").asText()));
    assertThat(phases.subList(phases.size() - 3, phases.size()))
        .containsExactly("Running", "Starting", "Running");
    assertThat(stats.path("lastStartTime").asText()).isGreaterThanOrEqualTo(crashed);
    assertThat(
            plane.client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> e.getReason().equals("RestartedByRunPolicy"))
                .map(io.fabric8.kubernetes.api.model.Event::getMessage))
        .containsExactly(
            "the guest stopped (crashed); runPolicy AlwaysOnUnlessStoppedManually starts it again");
    host().guestPowersOff(plane.uid(ns, "vm"));
    staysPhase(ns, "vm", "Stopped");
    assertThat(op(ns, "vm", "Start", "Completed")).isEqualTo("Completed");
    assertThat(phase(ns, "vm")).isEqualTo("Running");
    op(ns, "vm", "Stop", "Completed");
    staysPhase(ns, "vm", "Stopped");
  }

  @Test
  void alwaysOnRestartsEveryStopRefusesStopAndFollowsTheSwitchesToAlwaysOffAndBack() {
    String ns = plane.namespace("always-on");
    plane.vm(ns, "vm", "runPolicy: AlwaysOn");
    plane.awaitRunning(ns, "vm");
    long first = pid(ns, "vm");
    host().crash(plane.uid(ns, "vm"));
    restartedFrom(ns, "vm", first);
    long second = pid(ns, "vm");
    host().guestPowersOff(plane.uid(ns, "vm"));
    restartedFrom(ns, "vm", second);
    long third = pid(ns, "vm");
    assertThat(op(ns, "vm", "Stop", "Failed")).isEqualTo("NotApplicable");
    assertThat(op(ns, "vm", "Start", "Completed")).isEqualTo("NoOp");
    assertThat(pid(ns, "vm")).isEqualTo(third);

    runPolicy(ns, "vm", "AlwaysOff");
    await().until(() -> phase(ns, "vm").equals("Stopped"));
    assertThat(plane.vmStatus(ns, "vm").path("restartAwaitingChanges")).isEmpty();
    runPolicy(ns, "vm", "AlwaysOn");
    plane.awaitRunning(ns, "vm");
  }

  @Test
  void manualRunsOnlyWhenToldAndStaysStoppedAfterACrashOrAPowerOff() {
    String ns = plane.namespace("manual");
    plane.vm(ns, "vm", "runPolicy: Manual");
    staysPhase(ns, "vm", "Stopped");
    op(ns, "vm", "Start", "Completed");
    assertThat(phase(ns, "vm")).isEqualTo("Running");
    host().crash(plane.uid(ns, "vm"));
    staysPhase(ns, "vm", "Stopped");
    op(ns, "vm", "Start", "Completed");
    host().guestPowersOff(plane.uid(ns, "vm"));
    staysPhase(ns, "vm", "Stopped");
    op(ns, "vm", "Start", "Completed");
    op(ns, "vm", "Stop", "Completed");
    staysPhase(ns, "vm", "Stopped");
    long before =
        host().known(plane.uid(ns, "vm")).map(v -> v.pid() == null ? 0L : v.pid()).orElse(0L);
    op(ns, "vm", "Restart", "Completed");
    assertThat(phase(ns, "vm")).isEqualTo("Running");
    assertThat(pid(ns, "vm")).isNotEqualTo(before);
  }

  @Test
  void alwaysOffNeverRunsAndRefusesStartAndRestart() {
    String ns = plane.namespace("always-off");
    plane.vm(ns, "vm", "runPolicy: AlwaysOff");
    staysPhase(ns, "vm", "Stopped");
    assertThat(op(ns, "vm", "Stop", "Completed")).isEqualTo("NoOp");
    assertThat(op(ns, "vm", "Start", "Failed")).isEqualTo("NotApplicable");
    assertThat(op(ns, "vm", "Restart", "Failed")).isEqualTo("NotApplicable");
    staysPhase(ns, "vm", "Stopped");
    assertThat(host().known(plane.uid(ns, "vm")).filter(AgentVm::active)).isEmpty();
  }
}
