package io.vmconsole.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.testsupport.SimulatedControlPlane;
import io.vmconsole.testsupport.SimulatedHypervisor;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VM reconciler's decisions (issue 4 §4–9), against the in-process API server and simulated
 * hypervisors: what runs, what waits and why, and what the run policy does when a guest stops.
 */
class VmReconcilerTest {
  private static SimulatedControlPlane plane;

  @BeforeAll
  static void start() throws Exception {
    plane = new SimulatedControlPlane(2);
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  private static JsonNode condition(String ns, String vm, String type) {
    for (JsonNode c : plane.vmStatus(ns, vm).path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static AgentVm onAgent(String ns, String vm) {
    String node = plane.vmStatus(ns, vm).path("nodeName").asText();
    return plane.host(node).known(plane.uid(ns, vm)).orElseThrow();
  }

  @Test
  void aVmThatShouldRunIsPlacedStartedAndShownRunning() {
    String ns = plane.namespace("run");
    plane.vm(ns, "web", "");
    String node = plane.awaitRunning(ns, "web");
    assertThat(node).isIn("node-1", "node-2");
    assertThat(onAgent(ns, "web").state()).isEqualTo("Running");
    assertThat(condition(ns, "web", "Scheduled").path("message").asText())
        .isEqualTo("placed on " + node);
    assertThat(condition(ns, "web", "VirtualMachineIPAddressReady").path("status").asText())
        .isEqualTo("True");
    assertThat(plane.vmStatus(ns, "web").path("ipAddress").asText()).startsWith("10.90.");
  }

  @Test
  void aManualVmStaysStoppedUntilAStartOperation() {
    String ns = plane.namespace("manual");
    plane.vm(ns, "idle", "runPolicy: Manual");
    await().until(() -> plane.vmStatus(ns, "idle").path("phase").asText().equals("Stopped"));
    assertThat(plane.hosts.values()).allMatch(h -> h.known(plane.uid(ns, "idle")).isEmpty());
    String start = plane.operation(ns, "idle", "Start", "");
    plane.awaitRunning(ns, "idle");
    await()
        .until(
            () ->
                plane
                    .get("VirtualMachineOperation", ns, start)
                    .path("status")
                    .path("phase")
                    .asText()
                    .equals("Completed"));
  }

  @Test
  void aGuestThatPowersItselfOffStaysOffUnlessThePolicyIsAlwaysOn() {
    String ns = plane.namespace("poweroff");
    plane.vm(ns, "polite", "");
    plane.vm(ns, "always", "runPolicy: AlwaysOn");
    plane.awaitRunning(ns, "polite");
    plane.awaitRunning(ns, "always");
    long firstPid = onAgent(ns, "always").pid();

    hostOf(ns, "polite").guestPowersOff(plane.uid(ns, "polite"));
    hostOf(ns, "always").guestPowersOff(plane.uid(ns, "always"));

    await().until(() -> plane.vmStatus(ns, "polite").path("phase").asText().equals("Stopped"));
    await()
        .until(
            () ->
                onAgent(ns, "always").state().equals("Running")
                    && onAgent(ns, "always").pid() != firstPid);
    // The stop is the guest's wish under AlwaysOnUnlessStoppedManually: it is not undone.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> onAgent(ns, "polite").state().equals("Stopped"));
  }

  private static SimulatedHypervisor hostOf(String ns, String vm) {
    return plane.host(plane.vmStatus(ns, vm).path("nodeName").asText());
  }

  @Test
  void aMissingClassKeepsTheVmPendingWithTheReasonUntilTheClassExists() {
    String ns = plane.namespace("noclass");
    plane.create(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualDisk
        metadata: {name: later-root}
        spec: {persistentVolumeClaim: {size: 1Gi}}
        """);
    String className = "later-" + ns;
    plane.create(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata: {name: later}
        spec:
          virtualMachineClassName: %s
          cpu: {cores: 1, coreFraction: 10%%}
          memory: {size: 256Mi}
          blockDeviceRefs: [{kind: VirtualDisk, name: later-root}]
        """
            .formatted(className));
    await()
        .until(
            () ->
                condition(ns, "later", "VirtualMachineClassReady")
                    .path("reason")
                    .asText()
                    .equals("VirtualMachineClassNotFound"));
    assertThat(plane.vmStatus(ns, "later").path("phase").asText()).isEqualTo("Pending");
    assertThat(condition(ns, "later", "VirtualMachineClassReady").path("message").asText())
        .isEqualTo("VirtualMachineClass " + className + " not found");

    plane.create(
        null,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineClass
        metadata: {name: %s}
        spec: {cpu: {type: Host}}
        """
            .formatted(className));
    plane.awaitRunning(ns, "later");
  }

  @Test
  void aVmNoNodeFitsWaitsWithEachNodesReason() {
    String ns = plane.namespace("nofit");
    plane.create(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualDisk
        metadata: {name: huge-root}
        spec: {persistentVolumeClaim: {size: 1Gi}}
        """);
    plane.create(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata: {name: huge}
        spec:
          virtualMachineClassName: generic
          cpu: {cores: 5, coreFraction: 20%}
          memory: {size: 64Gi}
          blockDeviceRefs: [{kind: VirtualDisk, name: huge-root}]
        """);
    await()
        .until(
            () ->
                condition(ns, "huge", "Scheduled").path("reason").asText().equals("Unschedulable"));
    assertThat(plane.vmStatus(ns, "huge").path("phase").asText()).isEqualTo("Pending");
    assertThat(condition(ns, "huge", "Scheduled").path("message").asText())
        .startsWith("no node fits: ")
        .contains("node-1: insufficient memory", "node-2: insufficient memory");
  }

  @Test
  void aStartTheAgentRefusesIsShownInTheRunningConditionAndOneEventWhoseCountRises() {
    String ns = plane.namespace("refused");
    String refusal = "QEMU exited at once: Failed to get \"write\" lock";
    plane.hosts.values().forEach(h -> h.refuseStarts("stuck", refusal));
    try {
      plane.vm(ns, "stuck", "");
      await()
          .until(
              () ->
                  condition(ns, "stuck", "Running").path("reason").asText().equals("FailedStart"));
      assertThat(condition(ns, "stuck", "Running").path("message").asText())
          .startsWith("the node agent of node-")
          .endsWith(refusal);
      // The disk and the address are there: no condition blames them.
      assertThat(condition(ns, "stuck", "BlockDevicesReady").path("status").asText())
          .isEqualTo("True");
      await()
          .until(
              () ->
                  failedStarts(ns, "stuck").size() == 1
                      && failedStarts(ns, "stuck").get(0).path("count").asInt() >= 2);
      assertThat(failedStarts(ns, "stuck").get(0).path("message").asText()).endsWith(refusal);
      assertThat(plane.vmStatus(ns, "stuck").path("phase").asText()).isNotEqualTo("Running");
    } finally {
      plane.hosts.values().forEach(h -> h.refuseStarts("stuck", null));
    }
    // Once the agent starts it, the failure is no longer shown.
    plane.awaitRunning(ns, "stuck");
    assertThat(condition(ns, "stuck", "Running").path("reason").asText()).isEqualTo("Running");
  }

  /**
   * An hour of an unschedulable VM's retries on a fake clock, through the reconciler's back-off and
   * event recorder against the API: the waits double to the cap, and the hour leaves one Event
   * whose count is the number of attempts.
   */
  @Test
  void anHourOfUnschedulableRetriesBacksOffAndLeavesOneEvent() {
    String ns = plane.namespace("hour");
    plane.vm(ns, "waits", "runPolicy: AlwaysOff");
    var vm = io.vmconsole.api.vm.VmObject.of(plane.get("VirtualMachine", ns, "waits"));
    FakeClock clock = new FakeClock(java.time.Instant.parse("2026-12-05T00:00:00Z"));
    Backoff backoff = new Backoff(clock);
    var recorder =
        new io.vmconsole.controller.runtime.EventRecorder(
            new io.vmconsole.cluster.ClusterResources(plane.client)
                .access(io.vmconsole.cluster.Kind.EVENT),
            clock);
    java.util.List<Duration> waits = new java.util.ArrayList<>();
    java.time.Instant end = clock.instant().plus(Duration.ofHours(1));
    while (clock.instant().isBefore(end)) {
      assertThat(backoff.remaining("waits")).isZero();
      recorder.record(vm, true, "FailedScheduling", "no node fits: node-1: insufficient memory");
      Duration wait = backoff.failed("waits");
      waits.add(wait);
      clock.advance(wait);
    }
    assertThat(waits.subList(0, 7))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(32),
            Backoff.CAP);
    assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Backoff.CAP));
    assertThat(waits.size()).isLessThan(70);
    var events =
        plane.client.v1().events().inNamespace(ns).list().getItems().stream()
            .filter(e -> e.getReason().equals("FailedScheduling"))
            .toList();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getCount()).isEqualTo(waits.size());
    assertThat(events.get(0).getFirstTimestamp()).isEqualTo("2026-12-05T00:00:00Z");
    assertThat(java.time.Instant.parse(events.get(0).getLastTimestamp()))
        .isAfter(java.time.Instant.parse("2026-12-05T00:59:00Z"));
  }

  /** A clock the test moves. */
  static final class FakeClock extends java.time.Clock {
    private java.time.Instant now;

    FakeClock(java.time.Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static java.util.List<JsonNode> failedStarts(String ns, String vm) {
    return plane.client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(
            e -> e.getReason().equals("FailedStart") && e.getInvolvedObject().getName().equals(vm))
        .map(e -> (JsonNode) new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(e))
        .toList();
  }

  @Test
  void anAgentThatDoesNotAnswerIsShownAndTheVmIsNotStartedTwice() {
    String ns = plane.namespace("agentloss");
    plane.vm(ns, "steady", "");
    String node = plane.awaitRunning(ns, "steady");
    long pid = onAgent(ns, "steady").pid();
    SimulatedHypervisor host = plane.host(node);
    try {
      host.answering(false);
      await()
          .until(
              () ->
                  condition(ns, "steady", "NodeAgentReady")
                      .path("reason")
                      .asText()
                      .equals("NodeAgentUnreachable"));
      assertThat(plane.vmStatus(ns, "steady").path("phase").asText()).isEqualTo("Running");
    } finally {
      host.answering(true);
    }
    await()
        .until(
            () -> condition(ns, "steady", "NodeAgentReady").path("status").asText().equals("True"));
    assertThat(onAgent(ns, "steady").pid()).isEqualTo(pid);
    assertThat(plane.vmStatus(ns, "steady").path("nodeName").asText()).isEqualTo(node);
  }
}
