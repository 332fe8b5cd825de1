package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.Kubectl;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Node maintenance with real kubectl (issue 8 §3): placeholder pods stand for the VMs, a drain asks the
 * VMs to migrate and keeps the node cordoned, uncordon makes it schedulable again.
 */
class MaintenanceIT extends VmItSupport {
  private static final String SELECTOR = PlaceholderPods.VM_LABEL;

  @AfterEach
  void uncordonAll() throws Exception {
    kubectl().run("uncordon", "node-1");
    kubectl().run("uncordon", "node-2");
  }

  @Test
  void placeholderPodsShowOnePerRunningVmWithItsNode() throws Exception {
    String ns = newNamespace("pods");
    apply(ns, smallVm("alpha", "AlwaysOn", "nodeSelector:\n  kubernetes.io/hostname: node-2\n"));
    var vm = awaitPhase(ns, "alpha", "Running", BOOT);
    String pod = PlaceholderPods.podName("alpha", uid(vm), "node-2");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Kubectl.Result r = kubectl().run("get", "pods", "-n", ns, "-l", SELECTOR, "-o", "wide");
      assertThat(r.out()).contains(pod).contains("Running").contains("node-2");
    });
    Kubectl.Result json = kubectl().run("get", "pod", "-n", ns, pod, "-o",
        "jsonpath={.metadata.labels}|{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}"
            + "|{.spec.containers[0].resources.requests}");
    assertThat(json.out()).contains("\"" + SELECTOR + "\":\"alpha\"").contains("VirtualMachine/alpha")
        .contains("\"cpu\":\"1000m\"").contains("\"memory\":\"268435456\"");

    client.genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE).inNamespace(ns).withName("alpha").delete();
    await().atMost(BOOT).untilAsserted(() ->
        assertThat(kubectl().run("get", "pods", "-n", ns, "-l", SELECTOR).out()).doesNotContain(pod));
  }

  @Test
  void drainCordonsTheNodeAndAsksTheVmToMigrateUncordonMakesItSchedulable() throws Exception {
    String ns = newNamespace("drain");
    apply(ns, smallVm("mover", "AlwaysOn", "nodeSelector:\n  kubernetes.io/hostname: node-1\n"));
    awaitPhase(ns, "mover", "Running", BOOT);

    Kubectl.Result drain = kubectl().run("drain", "node-1", "--pod-selector", SELECTOR,
        "--delete-emptydir-data", "--timeout=12s");
    assertThat(drain.exit()).as(drain.out() + drain.err()).isNotZero();
    assertThat(drain.out() + drain.err()).contains("Eviction triggered evacuation of VirtualMachine " + ns + "/mover");
    assertThat(kubectl().run("get", "node", "node-1").out()).contains("SchedulingDisabled");
    assertThat(kubectl().run("get", "vmop", "-n", ns, "-l", "vmconsole.io/reason=eviction",
        "-o", "jsonpath={.items[*].spec.type}/{.items[*].spec.virtualMachineName}").out()).isEqualTo("Evict/mover");

    Kubectl.Result uncordon = kubectl().run("uncordon", "node-1");
    assertThat(uncordon.exit()).as(uncordon.err()).isZero();
    assertThat(kubectl().run("get", "node", "node-1").out()).doesNotContain("SchedulingDisabled");
  }
}
