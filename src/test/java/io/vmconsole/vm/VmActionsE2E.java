package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.DiskImageLock;
import io.vmconsole.testsupport.FirmwareVm;
import io.vmconsole.testsupport.Guests;
import io.vmconsole.testsupport.TestVms;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The VM page's power buttons (issue 18, item 12): they follow the phase, and those that stop what
 * runs ask first, naming the VM; Cancel leaves it running.
 */
class VmActionsE2E extends BrowserTest {

  @Test
  void stopAsksFirstAndTheButtonsFollowThePhase() {
    String ns = newNamespace("actions");
    FirmwareVm vm = FirmwareVm.running(client, ns, "asks");
    try {
      Browsers.logIn(page, baseUrl(), "admin", ADMIN_PASSWORD);
      page.navigate(baseUrl() + "/vms/" + ns + "/asks");
      assertThat(page.locator("#vm-action-start")).isDisabled();
      assertThat(page.locator("#vm-action-stop")).isEnabled();
      // coreFraction is a guaranteed share; the cores are the ceiling (issue 18, item 7).
      assertThat(page.locator("#vm-cpu-share")).hasText("guaranteed 0.1 core, up to 1 core");

      page.locator("#vm-action-stop").click();
      assertThat(dialog()).containsText("Stop asks?");
      button("Cancel").click();
      assertThat(dialog()).isHidden();
      assertThat(operations(ns)).isEqualTo(1); // only the Start that made it run
      assertThat(vm.phase()).isEqualTo("Running");

      page.locator("#vm-action-force-stop").click();
      assertThat(dialog()).containsText("unsaved data is lost");
      button("Force stop asks").click();
      assertThat(page.locator("#vm-last-operation")).containsText("Force stop requested");
      await().atMost(Duration.ofSeconds(60)).until(() -> "Stopped".equals(vm.phase()));
      assertThat(page.locator("#vm-action-start")).isEnabled();
      assertThat(page.locator("#vm-action-stop")).isDisabled();
    } finally {
      vm.delete();
    }
  }

  /** Issue 18, item 2: what the node agent refused is on the VM page, in the agent's words. */
  @Test
  void aStartTheAgentRefusesShowsOnTheVmPage() throws Exception {
    String ns = newNamespace("refused");
    FirmwareVm.blankDisk(client, ns, "locked-root");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "Ready".equals(diskStatus(ns, "locked-root").path("phase").asText()));
    String diskUid =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
            .inNamespace(ns)
            .withName("locked-root")
            .get()
            .getMetadata()
            .getUid();
    try (DiskImageLock lock = DiskImageLock.hold(new Guests(agents), "node-1", diskUid)) {
      TestVms.createFromYaml(
          client,
          ns,
          """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualMachine
          metadata: {name: refused}
          spec:
            virtualMachineClassName: generic
            runPolicy: AlwaysOn
            cpu: {cores: 1, coreFraction: 10%}
            memory: {size: 128Mi}
            blockDeviceRefs: [{kind: VirtualDisk, name: locked-root}]
          """);
      Browsers.logIn(page, baseUrl(), "admin", ADMIN_PASSWORD);
      page.navigate(baseUrl() + "/vms/" + ns + "/refused");
      Locator conditions = page.locator("#vm-conditions");
      assertThat(conditions)
          .containsText(
              "FailedStart", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
      assertThat(conditions).containsText("the node agent of node-");
      assertThat(conditions).containsText("lock");
    } finally {
      TestVms.delete(client, ns, "refused");
    }
  }

  private com.fasterxml.jackson.databind.JsonNode diskStatus(String ns, String name) {
    var disk =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
            .inNamespace(ns)
            .withName(name)
            .get();
    return disk == null
        ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
            .valueToTree(disk)
            .path("status");
  }

  private Locator dialog() {
    return page.locator("vaadin-confirm-dialog-overlay");
  }

  private Locator button(String name) {
    return page.getByRole(
        AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  private int operations(String ns) {
    return client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE_OPERATION)
        .inNamespace(ns)
        .list()
        .getItems()
        .size();
  }
}
