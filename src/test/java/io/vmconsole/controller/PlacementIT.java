package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Placement on the embedded topology's two nodes (issue 4 §3). At most two guests run at once. */
class PlacementIT extends VmItSupport {

  void delete(String ns, String name) {
    client
        .genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName(name)
        .delete();
  }

  @Test
  void nodeSelectorAndNodeAffinity() throws Exception {
    String ns = newNamespace("placement");
    apply(
        ns,
        smallVm(
            "ssd",
            "AlwaysOn",
            """
        nodeSelector:
          disktype: ssd
        """));
    assertThat(node(awaitPhase(ns, "ssd", "Running", BOOT))).isEqualTo("node-1");
    delete(ns, "ssd");
    apply(
        ns,
        smallVm(
            "notin",
            "AlwaysOn",
            """
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions:
                    - key: kubernetes.io/hostname
                      operator: NotIn
                      values: [node-2]
        """));
    assertThat(node(awaitPhase(ns, "notin", "Running", BOOT))).isEqualTo("node-1");
    delete(ns, "notin");
  }

  @Test
  void requiredAntiAffinitySpreadsAndLeavesTheThirdPendingWithTheReason() throws Exception {
    String ns = newNamespace("anti");
    String anti =
        """
        affinity:
          virtualMachineAndPodAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector:
                  matchLabels:
                    role: db
                topologyKey: kubernetes.io/hostname
        """;
    for (String name : new String[] {"db-1", "db-2"}) {
      apply(
          ns,
          smallVm(name, "AlwaysOn", anti)
              .replace("app: \"" + name + "\"", "app: \"" + name + "\"\n    role: db"));
      awaitPhase(ns, name, "Running", BOOT);
    }
    assertThat(node(vm(ns, "db-1"))).isNotEqualTo(node(vm(ns, "db-2")));
    apply(
        ns,
        smallVm("db-3", "AlwaysOn", anti).replace("app: \"db-3\"", "app: \"db-3\"\n    role: db"));
    JsonNode third =
        awaitVm(
            ns,
            "db-3",
            Duration.ofSeconds(60),
            v -> condition(v, "Scheduled").startsWith("False Unschedulable"));
    assertThat(third.path("status").path("phase").asText()).isEqualTo("Pending");
    assertThat(condition(third, "Scheduled"))
        .contains("node-1: required virtualMachineAndPodAntiAffinity")
        .contains("node-2: required virtualMachineAndPodAntiAffinity");
    delete(ns, "db-3");
    delete(ns, "db-1");
    delete(ns, "db-2");
  }

  @Test
  void preferredAffinityCoLocates() throws Exception {
    String ns = newNamespace("prefer");
    apply(
        ns,
        smallVm(
            "web",
            "AlwaysOn",
            """
        nodeSelector:
          kubernetes.io/hostname: node-2
        """));
    awaitPhase(ns, "web", "Running", BOOT);
    apply(
        ns,
        smallVm(
            "cache",
            "AlwaysOn",
            """
        affinity:
          virtualMachineAndPodAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 50
                virtualMachineAndPodAffinityTerm:
                  labelSelector:
                    matchLabels:
                      app: web
                  topologyKey: kubernetes.io/hostname
        """));
    assertThat(node(awaitPhase(ns, "cache", "Running", BOOT))).isEqualTo("node-2");
    delete(ns, "cache");
    delete(ns, "web");
  }
}
