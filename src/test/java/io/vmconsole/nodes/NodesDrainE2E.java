package io.vmconsole.nodes;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.Kubectl;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 8 §4: a drain from the Nodes page shows its plan with the blocked VMs first, keeps its
 * progress on the node, and Cancel stops it (the pending migration is withdrawn; the node stays
 * cordoned).
 */
class NodesDrainE2E extends BrowserTest {
  static final Duration BOOT = Duration.ofMinutes(4);
  private static final LocatorAssertions.ContainsTextOptions SOON =
      new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);

  @Autowired AuditLog audit;

  @AfterEach
  void uncordon() throws Exception {
    kubectl().run("uncordon", "node-1");
    kubectl().run("uncordon", "node-2");
  }

  private JsonNode vm(String ns, String name) {
    GenericKubernetesResource vm =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace(ns)
            .withName(name)
            .get();
    return Serialization.jsonMapper().valueToTree(vm);
  }

  private void createVm(String ns, String name, String storageClass) throws Exception {
    Kubectl.Result r =
        kubectl()
            .runWithInput(
                """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualDisk
        metadata:
          name: %s-root
        spec:
          persistentVolumeClaim: {storageClassName: %s}
          dataSource:
            type: ObjectRef
            objectRef: {kind: ClusterVirtualImage, name: demo}
        ---
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata:
          name: %s
        spec:
          virtualMachineClassName: generic
          terminationGracePeriodSeconds: 20
          cpu: {cores: 1, coreFraction: 100%%}
          memory: {size: 256Mi}
          blockDeviceRefs:
            - {kind: VirtualDisk, name: %s-root}
        """
                    .formatted(name, storageClass, name, name),
                "apply",
                "--validate=false",
                "-n",
                ns,
                "-f",
                "-");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  private void awaitRunningOn(String ns, String name, String node) {
    await()
        .atMost(BOOT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode status = vm(ns, name).path("status");
              return status.path("phase").asText().equals("Running")
                  && status.path("nodeName").asText().equals(node);
            });
  }

  private long drainOperations(String ns) {
    return client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE_OPERATION)
        .inNamespace(ns)
        .withLabel("vmconsole.io/drain-node", "node-1")
        .list()
        .getItems()
        .size();
  }

  @Test
  void drainListsBlockersFirstAndCancelStopsIt() throws Exception {
    String ns = newNamespace("nodes");
    // node-2 stays cordoned: both VMs start on node-1, and the drain's migration has nowhere to go,
    // so it
    // waits until it is cancelled.
    assertThat(kubectl().run("cordon", "node-2").exit()).isZero();
    createVm(ns, "free", "shared");
    createVm(ns, "pinned", "local");
    awaitRunningOn(ns, "free", "node-1");
    awaitRunningOn(ns, "pinned", "node-1");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                vm(ns, "pinned")
                    .path("status")
                    .path("conditions")
                    .toString()
                    .contains("node-local pool"));

    Browsers.logIn(page, baseUrl(), "admin", ADMIN_PASSWORD);
    page.locator("#main-nav").getByText("Nodes").click();
    Locator grid = page.locator("#nodes-grid");
    assertThat(grid).containsText("node-1", SOON);
    assertThat(grid).containsText(ns + "/free", SOON);
    assertThat(grid).containsText("TCG");

    page.locator("#drain-node-1").click();
    Locator plan = page.locator("#drain-plan > div");
    assertThat(plan).hasCount(2);
    assertThat(plan.nth(0))
        .hasText(
            ns
                + "/pinned — blocked: disk \"pinned-root\" is in the node-local pool"
                + " of node-1");
    assertThat(plan.nth(1)).hasText(ns + "/free — will migrate");
    page.locator("#drain-confirm").click();

    Locator progress = page.locator("#drain-progress-node-1");
    assertThat(progress).containsText("Drain of node-1: Draining", SOON);
    assertThat(progress).containsText(ns + "/free — waiting", SOON);
    assertThat(progress).containsText(ns + "/pinned — blocked: disk \"pinned-root\"");
    await().atMost(Duration.ofSeconds(30)).until(() -> drainOperations(ns) == 1);
    // The drain is kept on the node: a reload shows it still running.
    page.reload();
    assertThat(page.locator("#drain-progress-node-1")).containsText("Draining", SOON);

    page.locator("#cancel-drain-node-1").click();
    assertThat(page.locator("#drain-progress-node-1")).containsText("drain cancelled", SOON);
    assertThat(page.locator("#uncordon-node-1")).isVisible();
    await().atMost(Duration.ofSeconds(30)).until(() -> drainOperations(ns) == 0);
    JsonNode free = vm(ns, "free");
    assertThat(free.path("status").path("nodeName").asText()).isEqualTo("node-1");
    assertThat(free.path("status").path("phase").asText()).isEqualTo("Running");
    assertThat(kubectl().run("get", "node", "node-1").out()).contains("SchedulingDisabled");
    assertThat(audit.all())
        .anyMatch(r -> r.action().equals("node.drain") && r.target().equals("Node node-1"))
        .anyMatch(r -> r.action().equals("node.drain.cancel") && r.user().equals("admin"));

    page.locator("#uncordon-node-1").click();
    assertThat(page.locator("#cordon-node-1")).isVisible();
    assertThat(page.locator("#drain-progress-node-1")).hasCount(0);
    for (String name : new String[] {"free", "pinned"}) {
      client
          .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
          .inNamespace(ns)
          .withName(name)
          .delete();
    }
  }
}
