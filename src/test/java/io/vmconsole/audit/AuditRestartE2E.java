package io.vmconsole.audit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.ConsoleProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 acceptance: what a user did through the console — a Secret, a VM created from the YAML
 * tab, an operation, an edit — is on the audit page by user, VM and action after the console
 * restarts. The console runs as its own process on a data directory of its own, so it can be
 * stopped and started.
 */
class AuditRestartE2E extends BrowserTest {
  static final Path DIR = Path.of("target/e2e-audit-restart").toAbsolutePath();
  static final String ADMIN_PW = "audit-admin-pw";

  static ConsoleProcess console(String log) throws Exception {
    return new ConsoleProcess(
        DIR.getParent().resolve(log),
        "vmconsole.data-dir=" + DIR,
        "vmconsole.security.initial-admin-password=" + ADMIN_PW,
        "vmconsole.topology.stop-vms-on-shutdown=true",
        "vaadin.launch-browser=false");
  }

  private Locator rows(String text) {
    return page.locator(
        "#audit-grid vaadin-grid-cell-content:visible", new Page.LocatorOptions().setHasText(text));
  }

  @Test
  void theAuditPageListsThisTestsActionsByUserAfterARestart() throws Exception {
    deleteRecursively(DIR);
    try (ConsoleProcess first = console("audit-console-1.log")) {
      String url = first.baseUrl();
      Browsers.logIn(page, url, "admin", ADMIN_PW);

      page.navigate(url + "/provisioning-secrets");
      page.locator("#secret-new").click();
      page.locator("#secret-name input").fill("audit-init");
      page.locator("#secret-value-userData textarea").fill("#cloud-config\n");
      page.locator("#secret-save").click();
      assertThat(
              page.locator(
                  "#secrets-grid vaadin-grid-cell-content:visible",
                  new Page.LocatorOptions()
                      .setHasText(java.util.regex.Pattern.compile("^audit-init$"))))
          .hasCount(1);

      page.navigate(url + "/vms/new");
      page.locator("vaadin-tab#tab-yaml").click();
      // The tab shows the form's object first; type only after the server has put it there.
      assertThat(page.locator("#vm-yaml-editor textarea"))
          .hasValue(java.util.regex.Pattern.compile("kind: VirtualMachine"));
      page.locator("#vm-yaml-editor textarea")
          .fill(
              """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualMachine
          metadata:
            name: audit-vm
            namespace: default
          spec:
            virtualMachineClassName: generic
            runPolicy: Manual
            cpu: {cores: 1, coreFraction: 100%}
            memory: {size: 256Mi}
            blockDeviceRefs:
              - {kind: VirtualDisk, name: audit-vm-root}
          """);
      page.locator("#vm-save").click();
      page.waitForURL("**/vms/default/audit-vm");
      // A Manual VM is stopped, so Start is what it offers (its disk does not exist: nothing
      // boots).
      page.locator("#vm-action-start").click();
      assertThat(page.locator("#vm-last-operation")).containsText("audit-vm-start-");

      page.navigate(url + "/vms/default/audit-vm/edit");
      page.locator("#change-panel").waitFor();
      page.locator("#vm-labels input").fill("audited=yes");
      assertThat(
              page.locator(
                  "#change-grid vaadin-grid-cell-content:visible",
                  new Page.LocatorOptions().setHasText("metadata.labels")))
          .isVisible();
      page.locator("#vm-save").click();
      page.waitForURL("**/vms/default/audit-vm");
    }
    context.clearCookies();

    try (ConsoleProcess second = console("audit-console-2.log")) {
      String url = second.baseUrl();
      Browsers.logIn(page, url, "admin", ADMIN_PW);
      page.navigate(url + "/audit");
      page.locator("#audit-user input").fill("admin");
      for (String action : new String[] {"secret.create", "vm.create", "vmop.start", "vm.update"}) {
        assertThat(rows(action)).hasCount(1);
      }
      page.locator("#audit-vm input").fill("audit-vm");
      assertThat(rows("secret.create")).hasCount(0);
      assertThat(rows("VirtualMachine default/audit-vm")).hasCount(3);
      page.locator("#audit-vm input").fill("");
      page.locator("#audit-action input").fill("vmop");
      assertThat(rows("vmop.start")).hasCount(1);
      assertThat(rows("vm.create")).hasCount(0);
      page.locator("#audit-user input").fill("someone-else");
      assertThat(rows("vmop.start")).hasCount(0);
    }
  }
}
