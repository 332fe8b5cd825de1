package io.vmconsole.controller.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.vmconsole.api.core.PlaceholderPods;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.SimulatedControlPlane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One placeholder pod per running VM on its node (issue 8 §3), against simulated hypervisors: named
 * for the VM and node, owned by the VM, requesting its CPU and memory, and gone with the VM.
 * MaintenanceIT shows them to kubectl drain with real guests.
 */
class PlaceholderPodReconcilerTest {
  private static SimulatedControlPlane plane;

  @BeforeAll
  static void start() throws Exception {
    plane = new SimulatedControlPlane(2);
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  @Test
  void aRunningVmHasOnePodOnItsNodeThatGoesWithIt() {
    String ns = plane.namespace("pods");
    plane.vm(ns, "alpha", "nodeSelector: {kubernetes.io/hostname: node-2}");
    assertThat(plane.awaitRunning(ns, "alpha")).isEqualTo("node-2");
    String name = PlaceholderPods.podName("alpha", plane.uid(ns, "alpha"), "node-2");
    await().until(() -> plane.client.pods().inNamespace(ns).withName(name).get() != null);
    Pod pod = plane.client.pods().inNamespace(ns).withName(name).get();
    assertThat(pod.getMetadata().getLabels()).containsEntry(PlaceholderPods.VM_LABEL, "alpha");
    assertThat(pod.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("VirtualMachine");
    assertThat(pod.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("alpha");
    assertThat(pod.getSpec().getNodeName()).isEqualTo("node-2");
    var requests = pod.getSpec().getContainers().get(0).getResources().getRequests();
    // One core at 10%, and 256 MiB.
    assertThat(requests.get("cpu").toString()).isEqualTo("100m");
    assertThat(requests.get("memory").toString()).isEqualTo("268435456");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    assertThat(
            plane
                .client
                .pods()
                .inNamespace(ns)
                .withLabel(PlaceholderPods.VM_LABEL, "alpha")
                .list()
                .getItems())
        .hasSize(1);

    plane
        .client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName("alpha")
        .delete();
    await().until(() -> plane.client.pods().inNamespace(ns).withName(name).get() == null);
  }
}
