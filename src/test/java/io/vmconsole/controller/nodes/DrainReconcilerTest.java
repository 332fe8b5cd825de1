package io.vmconsole.controller.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmconsole.api.core.NodeDrain;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.SimulatedControlPlane;
import io.vmconsole.testsupport.SimulatedHypervisor.MigrationOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drain reconciler's decisions (issue 8 §4) against the in-process API server and simulated
 * hypervisors: evictions at most two at a time, the node Drained once empty, and a cancelled
 * drain's unfinished evictions deleted. Each test drains its own node.
 */
class DrainReconcilerTest {
  /** Placed on the drained node when it can be: a preference, which a migration may leave. */
  private static final String PREFER =
      """
      affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 100, preference: \
      {matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [%s]}]}}]}}""";

  private static SimulatedControlPlane plane;

  @BeforeAll
  static void start() throws Exception {
    plane = new SimulatedControlPlane(3);
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  private static void drain(String node, String state) {
    plane
        .client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              n.getMetadata().getAnnotations().put(NodeDrain.ANNOTATION, state);
              return n;
            });
  }

  private static String drainState(String node) {
    return plane
        .client
        .nodes()
        .withName(node)
        .get()
        .getMetadata()
        .getAnnotations()
        .getOrDefault(NodeDrain.ANNOTATION, "");
  }

  private static List<String> drainOperations(String ns, String node) {
    return plane
        .client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE_OPERATION)
        .inNamespace(ns)
        .withLabel(NodeDrain.NODE_LABEL, node)
        .list()
        .getItems()
        .stream()
        .map(o -> o.getMetadata().getName())
        .toList();
  }

  @Test
  void aDrainEvictsTwoAtATimeAndMarksTheNodeDrainedOnceEmpty() {
    String ns = plane.namespace("drain");
    for (String vm : List.of("a", "b", "c")) {
      plane.vm(ns, vm, PREFER.formatted("node-1"));
    }
    for (String vm : List.of("a", "b", "c")) {
      assertThat(plane.awaitRunning(ns, vm)).isEqualTo("node-1");
    }
    plane.host("node-1").nextMigrations(MigrationOutcome.HOLD);
    try {
      drain("node-1", NodeDrain.DRAINING);
      await().until(() -> drainOperations(ns, "node-1").size() == 2);
      // The third waits while two migrations from the node are under way.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> drainOperations(ns, "node-1").size() == 2);
    } finally {
      plane.host("node-1").nextMigrations(MigrationOutcome.SUCCEED);
    }
    plane.host("node-1").commitHeld();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> drainState("node-1").equals(NodeDrain.DRAINED));
    for (String vm : List.of("a", "b", "c")) {
      assertThat(plane.vmStatus(ns, vm).path("nodeName").asText()).isNotEqualTo("node-1");
      assertThat(plane.vmStatus(ns, vm).path("phase").asText()).isEqualTo("Running");
    }
    assertThat(drainOperations(ns, "node-1")).hasSize(3);
  }

  @Test
  void aCancelledDrainDeletesItsUnfinishedEvictionsAndTheVmStays() {
    String ns = plane.namespace("undrain");
    plane.vm(ns, "stays", PREFER.formatted("node-3"));
    assertThat(plane.awaitRunning(ns, "stays")).isEqualTo("node-3");
    plane.host("node-3").nextMigrations(MigrationOutcome.HOLD);
    try {
      drain("node-3", NodeDrain.DRAINING);
      await()
          .until(
              () ->
                  drainOperations(ns, "node-3").size() == 1
                      && plane.vmStatus(ns, "stays").path("phase").asText().equals("Migrating"));
      drain("node-3", NodeDrain.CANCELLED);
      await().until(() -> drainOperations(ns, "node-3").isEmpty());
      await().until(() -> plane.vmStatus(ns, "stays").path("phase").asText().equals("Running"));
      assertThat(plane.vmStatus(ns, "stays").path("nodeName").asText()).isEqualTo("node-3");
      assertThat(drainState("node-3")).isEqualTo(NodeDrain.CANCELLED);
    } finally {
      plane.host("node-3").nextMigrations(MigrationOutcome.SUCCEED);
    }
  }
}
