package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.core.PlaceholderPods;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Node maintenance with real kubectl (issue 8 §3): placeholder pods stand for the VMs, a drain asks
 * the VMs to migrate and keeps the node cordoned, uncordon makes it schedulable again. What a
 * placeholder pod holds and that it goes with its VM: PlaceholderPodReconcilerTest.
 */
class MaintenanceIT extends VmItSupport {
  private static final String SELECTOR = PlaceholderPods.VM_LABEL;

  @AfterEach
  void uncordonAll() throws Exception {
    kubectl().run("uncordon", "node-1");
    kubectl().run("uncordon", "node-2");
  }

  @Test
  void drainMovesTheMigratableVmsAndReportsTheNodeLocalOneAsBlocked() throws Exception {
    String ns = newNamespace("drain");
    // Everything starts on node-1: node-2 takes no VM while cordoned.
    assertThat(kubectl().run("cordon", "node-2").exit()).isZero();
    apply(ns, smallVm("mover-1", "AlwaysOn", ""));
    apply(ns, smallVm("mover-2", "AlwaysOn", ""));
    apply(ns, localVm("keeper"));
    for (String vm : new String[] {"mover-1", "mover-2", "keeper"}) {
      assertThat(node(awaitPhase(ns, vm, "Running", BOOT))).isEqualTo("node-1");
    }
    assertThat(
            kubectl()
                .run(
                    "get",
                    "vd",
                    "-n",
                    ns,
                    "keeper-root",
                    "-o",
                    "jsonpath={.status.storageClassName}/{.status.nodeName}")
                .out())
        .isEqualTo("local/node-1");
    assertThat(kubectl().run("uncordon", "node-2").exit()).isZero();
    JsonNode keeper =
        awaitVm(
            ns,
            "keeper",
            Duration.ofSeconds(30),
            v -> condition(v, "Migratable").startsWith("False"));
    assertThat(condition(keeper, "Migratable"))
        .isEqualTo("False NotMigratable disk \"keeper-root\" is in the node-local pool of node-1");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String pods =
                  kubectl()
                      .run(
                          "get",
                          "pods",
                          "-n",
                          ns,
                          "-l",
                          SELECTOR,
                          "-o",
                          "custom-columns=VM:.metadata.labels.vm\\.kubevirt\\.internal\\.virtualization\\.deckhouse\\.io/name,"
                              + "NODE:.spec.nodeName,PHASE:.status.phase",
                          "--no-headers")
                      .out();
              assertThat(
                      pods.lines()
                          .map(l -> String.join(" ", l.trim().split("\\s+")))
                          .sorted()
                          .toList())
                  .containsExactly(
                      "keeper node-1 Running", "mover-1 node-1 Running", "mover-2 node-1 Running");
            });

    Path output = Files.createTempFile("drain", ".log");
    Process drain =
        kubectl()
            .builder(
                "drain",
                "node-1",
                "--pod-selector",
                SELECTOR,
                "--delete-emptydir-data",
                // The node-local VM is refused for ever, so kubectl drain ends at its timeout: long
                // enough for both moves to be asked for and reported, not the moves' own bound.
                "--timeout=60s")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      for (String vm : new String[] {"mover-1", "mover-2"}) {
        awaitVm(
            ns,
            vm,
            Duration.ofSeconds(150),
            v ->
                node(v).equals("node-2")
                    && v.path("status").path("phase").asText().equals("Running"));
      }
      assertThat(drain.waitFor(3, TimeUnit.MINUTES)).isTrue();
      String out = Files.readString(output);
      assertThat(drain.exitValue()).as(out).isNotZero();
      assertThat(out)
          .contains("cannot be migrated: disk \"keeper-root\" is in the node-local pool of node-1")
          .contains("Eviction triggered evacuation of VirtualMachine " + ns + "/mover-1");
    } finally {
      drain.destroyForcibly();
      Files.deleteIfExists(output);
    }
    assertThat(node(vm(ns, "keeper"))).isEqualTo("node-1");
    assertThat(
            kubectl()
                .run(
                    "get",
                    "vmop",
                    "-n",
                    ns,
                    "-l",
                    "vmconsole.io/reason=eviction",
                    "-o",
                    "jsonpath={range .items[*]}{.spec.type}/{.spec.virtualMachineName}/{.status.phase} {end}")
                .out()
                .trim()
                .split(" "))
        .containsExactlyInAnyOrder("Evict/mover-1/Completed", "Evict/mover-2/Completed");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        kubectl().run("get", "pods", "-n", ns, "-l", SELECTOR, "-o", "wide").out())
                    .doesNotContain(
                        PlaceholderPods.podName("mover-1", uid(vm(ns, "mover-1")), "node-1"))
                    .contains(
                        PlaceholderPods.podName("mover-1", uid(vm(ns, "mover-1")), "node-2")));
    assertThat(kubectl().run("get", "node", "node-1").out()).contains("SchedulingDisabled");

    Kubectl.Result uncordon = kubectl().run("uncordon", "node-1");
    assertThat(uncordon.exit()).as(uncordon.err()).isZero();
    assertThat(kubectl().run("get", "node", "node-1").out()).doesNotContain("SchedulingDisabled");
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName("mover-1")
        .delete();
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName("mover-2")
        .delete();
    apply(ns, smallVm("newcomer", "AlwaysOn", "nodeSelector:\n  kubernetes.io/hostname: node-1\n"));
    assertThat(node(awaitPhase(ns, "newcomer", "Running", BOOT))).isEqualTo("node-1");
    for (String vm : new String[] {"keeper", "newcomer"}) {
      client
          .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
          .inNamespace(ns)
          .withName(vm)
          .delete();
    }
  }

  /** A VM whose root disk is in the local pool of the node it is first placed on. */
  static String localVm(String name) {
    return smallVm(name, "AlwaysOn", "")
        .replace(
            """
        spec:
          dataSource:""",
            """
        spec:
          persistentVolumeClaim:
            storageClassName: local
          dataSource:""");
  }
}
