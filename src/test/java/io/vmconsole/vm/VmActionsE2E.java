package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.FirmwareVm;
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
