package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.FirmwareVm;
import org.junit.jupiter.api.Test;

/**
 * The VM page's buttons follow the phase (issue 18, item 12): a running VM offers Stop, not Start.
 * (The confirmation before Stop is on branch issue-18-confirm-wip.)
 */
class VmActionsE2E extends BrowserTest {

  @Test
  void aRunningVmOffersStopButNotStart() {
    String ns = newNamespace("actions");
    FirmwareVm vm = FirmwareVm.running(client, ns, "asks");
    try {
      Browsers.logIn(page, baseUrl(), "admin", ADMIN_PASSWORD);
      page.navigate(baseUrl() + "/vms/" + ns + "/asks");
      assertThat(page.locator("#vm-action-start")).isDisabled();
      assertThat(page.locator("#vm-action-stop")).isEnabled();

      assertThat(vm.phase()).isEqualTo("Running");
    } finally {
      vm.delete();
    }
  }
}
