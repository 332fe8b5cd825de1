package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.DiskImageLock;
import io.vmconsole.testsupport.FirmwareVm;
import io.vmconsole.testsupport.Kubectl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Why a VM does not start reaches the user (issue 18), with real agents and QEMU and no guest
 * booting: what QEMU refuses shows in a condition and one rising Event; a disk another VM runs with
 * is waited for, not fought over.
 */
class StartProblemsIT extends VmItSupport {

  /**
   * Another process holds the disk image's lock (as a second QEMU on the file would): every start
   * fails; the VM says so in its Running condition with the agent's and QEMU's words, in one
   * FailedStart Event whose count rises with the retries, and kubectl describe prints it.
   */
  @Test
  void aStartTheAgentRefusesIsShownWithItsMessageInAConditionAndOneRisingEvent() throws Exception {
    String ns = newNamespace("refusal");
    FirmwareVm.blankDisk(client, ns, "broken-root");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> disk(ns, "broken-root").path("status").path("phase").asText().equals("Ready"));
    String uid = disk(ns, "broken-root").path("metadata").path("uid").asText();
    DiskImageLock lock = DiskImageLock.hold(guests(), "node-1", uid);
    apply(
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata: {name: broken}
        spec:
          virtualMachineClassName: generic
          runPolicy: AlwaysOn
          cpu: {cores: 1, coreFraction: 10%}
          memory: {size: 128Mi}
          blockDeviceRefs: [{kind: VirtualDisk, name: broken-root}]
        """);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  condition(ns, "broken", "Running").path("reason").asText().equals("FailedStart"));
      assertThat(condition(ns, "broken", "Running").path("message").asText())
          .startsWith("the node agent of node-")
          .contains("lock");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> failedStarts(ns).size() == 1 && failedStarts(ns).get(0).getCount() >= 2);
      assertThat(failedStarts(ns).get(0).getMessage()).contains("lock");
      Kubectl.Result described = kubectl().run("describe", "vm", "broken", "-n", ns);
      assertThat(described.exit()).isZero();
      assertThat(described.out()).contains("FailedStart").contains("lock");
      // Deleted after failed starts, the VM is gone from the agent too, not left defined there.
      String vmUid = vm(ns, "broken").path("metadata").path("uid").asText();
      deleteVm(ns, "broken");
      for (String node : List.of("node-1", "node-2")) {
        assertThat(guests().agent(node).vm(vmUid)).isEmpty();
      }
    } finally {
      lock.close();
      deleteVm(ns, "broken");
    }
  }

  /**
   * VM b names the disk VM a runs with: b waits with the reason and no QEMU is started for it (the
   * agents do not know it); once a is deleted, b starts by itself.
   */
  @Test
  void aVmWhoseDiskAnotherVmRunsWithWaitsAndStartsOnceThatVmIsGone() throws Exception {
    String ns = newNamespace("inuse");
    FirmwareVm.running(client, ns, "first");
    String second =
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata: {name: second}
        spec:
          virtualMachineClassName: generic
          runPolicy: AlwaysOn
          cpu: {cores: 1, coreFraction: 10%}
          memory: {size: 128Mi}
          blockDeviceRefs: [{kind: VirtualDisk, name: first-blank}]
        """;
    // kubectl apply stores it and says why it will wait (an admission warning). Applied again
    // until the disk's status shows the first VM running with it: applying is idempotent.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Kubectl.Result r =
                  kubectl().runWithInput(second, "apply", "--validate=false", "-n", ns, "-f", "-");
              assertThat(r.exit()).as(r.err()).isZero();
              return r.err()
                  .contains(
                      "Warning: VirtualDisk first-blank is in use by VirtualMachine first:"
                          + " this VM waits until that VM lets it go");
            });
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  condition(ns, "second", "BlockDevicesReady")
                      .path("message")
                      .asText()
                      .equals("VirtualDisk first-blank is in use by VirtualMachine first"));
      assertThat(vm(ns, "second").path("status").path("phase").asText()).isEqualTo("Pending");
      String uid = vm(ns, "second").path("metadata").path("uid").asText();
      for (String node : List.of("node-1", "node-2")) {
        assertThat(guests().agent(node).vm(uid)).isEmpty();
      }
      deleteVm(ns, "first");
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> vm(ns, "second").path("status").path("phase").asText().equals("Running"));
    } finally {
      deleteVm(ns, "second");
    }
  }

  private JsonNode condition(String ns, String name, String type) {
    for (JsonNode c : vm(ns, name).path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** Deletes the VM and waits until it is gone (its QEMU and its agent's record with it). */
  private void deleteVm(String ns, String name) {
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName(name)
        .delete();
    await().atMost(Duration.ofSeconds(90)).until(() -> vm(ns, name).isMissingNode());
  }

  private List<Event> failedStarts(String ns) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> e.getReason().equals("FailedStart"))
        .filter(e -> e.getInvolvedObject().getName().equals("broken"))
        .toList();
  }

  private JsonNode disk(String ns, String name) {
    var found =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
            .inNamespace(ns)
            .withName(name)
            .get();
    return found == null
        ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : Serialization.jsonMapper().valueToTree(found);
  }
}
