package io.vmconsole.controller.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.testsupport.SimulatedControlPlane;
import io.vmconsole.testsupport.SimulatedHypervisor;
import io.vmconsole.testsupport.SimulatedHypervisor.MigrationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migration reconciler's decisions (issue 8) against the in-process API server and simulated
 * hypervisors: a live migration that commits, one the agent refuses, one cancelled by deleting its
 * operation, and ones that cannot start.
 */
class MigrationReconcilerTest {
  private static SimulatedControlPlane plane;

  @BeforeAll
  static void start() throws Exception {
    plane = new SimulatedControlPlane(2);
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  @AfterEach
  void migrationsSucceedAgain() {
    plane.hosts.values().forEach(h -> h.nextMigrations(MigrationOutcome.SUCCEED));
  }

  private static JsonNode op(String ns, String name) {
    return plane.get("VirtualMachineOperation", ns, name);
  }

  private static String opPhase(String ns, String name) {
    return op(ns, name).path("status").path("phase").asText();
  }

  private static JsonNode migrating(String ns, String vm) {
    for (JsonNode c : plane.vmStatus(ns, vm).path("conditions")) {
      if (c.path("type").asText().equals("Migrating")) {
        return c;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static String other(String node) {
    return node.equals("node-1") ? "node-2" : "node-1";
  }

  @Test
  void anEvictMovesTheVmToTheOtherNodeAndCompletes() {
    String ns = plane.namespace("evict");
    plane.vm(ns, "mover", "");
    String source = plane.awaitRunning(ns, "mover");
    String evict = plane.operation(ns, "mover", "Evict", "");
    await().until(() -> opPhase(ns, evict).equals("Completed"));
    await()
        .until(
            () ->
                plane
                    .vmStatus(ns, "mover")
                    .path("migrationState")
                    .path("result")
                    .asText()
                    .equals("Succeeded"));
    JsonNode status = plane.vmStatus(ns, "mover");
    assertThat(status.path("nodeName").asText()).isEqualTo(other(source));
    assertThat(status.path("phase").asText()).isEqualTo("Running");
    assertThat(migrating(ns, "mover").path("reason").asText()).isEqualTo("Succeeded");
    assertThat(op(ns, evict).path("status").path("progress").asText()).isEqualTo("100%");
    String uid = plane.uid(ns, "mover");
    // The source's stopped copy goes; the target runs the VM.
    await().until(() -> plane.host(source).known(uid).isEmpty());
    assertThat(plane.host(other(source)).known(uid).orElseThrow().state()).isEqualTo("Running");
  }

  @Test
  void aMigrationTheAgentRefusesFailsTheOperationAndTheVmRunsOn() {
    String ns = plane.namespace("refused");
    plane.vm(ns, "stayer", "");
    String source = plane.awaitRunning(ns, "stayer");
    plane.host(source).nextMigrations(MigrationOutcome.FAIL);
    String evict = plane.operation(ns, "stayer", "Evict", "");
    await().until(() -> opPhase(ns, evict).equals("Failed"));
    assertThat(op(ns, evict).path("status").path("conditions").path(0).path("message").asText())
        .contains("simulated failure");
    await().until(() -> migrating(ns, "stayer").path("reason").asText().equals("Failed"));
    JsonNode status = plane.vmStatus(ns, "stayer");
    assertThat(status.path("nodeName").asText()).isEqualTo(source);
    assertThat(status.path("migrationState").path("result").asText()).isEqualTo("Failed");
    await().until(() -> plane.vmStatus(ns, "stayer").path("phase").asText().equals("Running"));
  }

  @Test
  void deletingAMigrationInProgressCancelsItAndTheVmStays() {
    String ns = plane.namespace("cancel");
    plane.vm(ns, "held", "");
    String source = plane.awaitRunning(ns, "held");
    SimulatedHypervisor host = plane.host(source);
    host.nextMigrations(MigrationOutcome.HOLD);
    String evict = plane.operation(ns, "held", "Evict", "");
    await()
        .until(
            () ->
                opPhase(ns, evict).equals("InProgress")
                    && op(ns, evict).path("status").path("migration").has("bytesTotal"));
    assertThat(plane.vmStatus(ns, "held").path("phase").asText()).isEqualTo("Migrating");

    plane
        .client
        .genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE_OPERATION)
        .inNamespace(ns)
        .withName(evict)
        .delete();
    await().until(() -> op(ns, evict).isMissingNode());
    await()
        .until(
            () ->
                migrating(ns, "held")
                    .path("message")
                    .asText()
                    .equals("cancelled: the operation was deleted"));
    JsonNode status = plane.vmStatus(ns, "held");
    assertThat(status.path("nodeName").asText()).isEqualTo(source);
    assertThat(status.path("migrationState").path("result").asText()).isEqualTo("Failed");
    await().until(() -> plane.vmStatus(ns, "held").path("phase").asText().equals("Running"));
  }

  @Test
  void aMigrateWhoseNodeSelectorNoOtherNodeMatchesWaitsAndSaysWhy() {
    String ns = plane.namespace("selector");
    plane.vm(ns, "picky", "");
    plane.awaitRunning(ns, "picky");
    String migrate =
        plane.operation(ns, "picky", "Migrate", "migrate: {nodeSelector: {disktype: nvme}}");
    await()
        .until(
            () ->
                op(ns, migrate)
                    .path("status")
                    .path("conditions")
                    .path(0)
                    .path("reason")
                    .asText()
                    .equals("TargetScheduling"));
    assertThat(opPhase(ns, migrate)).isEqualTo("Pending");
    assertThat(op(ns, migrate).path("status").path("conditions").path(0).path("message").asText())
        .contains("nodeSelector disktype=nvme does not match", "the VM runs there");
  }

  @Test
  void aVmWithADiskInANodesLocalPoolCannotMigrate() {
    String ns = plane.namespace("local");
    plane.create(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualDisk
        metadata: {name: pinned-root}
        spec: {persistentVolumeClaim: {size: 1Gi, storageClassName: local}}
        """);
    plane.create(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata: {name: pinned}
        spec:
          virtualMachineClassName: generic
          cpu: {cores: 1, coreFraction: 10%}
          memory: {size: 256Mi}
          blockDeviceRefs: [{kind: VirtualDisk, name: pinned-root}]
        """);
    String node = plane.awaitRunning(ns, "pinned");
    String evict = plane.operation(ns, "pinned", "Evict", "");
    await().until(() -> opPhase(ns, evict).equals("Failed"));
    JsonNode condition = op(ns, evict).path("status").path("conditions").path(0);
    assertThat(condition.path("reason").asText()).isEqualTo("NotMigratable");
    assertThat(condition.path("message").asText())
        .isEqualTo(
            "the VM cannot live-migrate: disk \"pinned-root\" is in the node-local pool of "
                + node);
  }
}
