package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.console.ConsolePages;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Demo template as a newcomer uses it (issue 18, items 4 and 11): two VMs made from it under
 * different names get their own disks and both run; the serial tab says whom to log in as, and the
 * password revealed there logs in.
 */
class DemoTemplateE2E extends BrowserTest {
  private static final double BOOT_MILLIS = VmCreateE2E.BOOT.toMillis();

  @Test
  void twoDemoVmsRunOnTheirOwnDisksAndTheRevealedPasswordLogsIn() {
    String ns = newNamespace("demo");
    String user = newUser("op", Role.OPERATOR, List.of(ns));
    Browsers.logIn(page, baseUrl(), user, PASSWORD);
    Editor editor = new Editor(page, baseUrl());
    try {
      for (String name : List.of("first", "second")) {
        editor.openCreate().template("Demo image").text("vm-name", name).save();
        page.waitForURL("**/vms/" + ns + "/" + name);
      }
      for (String name : List.of("first", "second")) {
        await()
            .atMost(VmCreateE2E.BOOT)
            .pollInterval(Duration.ofMillis(500))
            .until(() -> "Running".equals(vm(ns, name).path("status").path("phase").asText()));
        assertThat(vm(ns, name).path("spec").path("blockDeviceRefs").get(0).path("name").asText())
            .isEqualTo(name + "-root");
      }

      page.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Serial console")).click();
      assertThat(page.locator("#guest-login-user")).hasText("Log in as demo");
      page.locator("#guest-login-show").click();
      assertThat(page.locator("#guest-login-password")).containsText("password: ");
      String password =
          page.locator("#guest-login-password").textContent().replace("password: ", "");
      // Running means QEMU runs; the guest boots on.
      assertThat(ConsolePages.serialRows(page))
          .containsText(
              "login:", new LocatorAssertions.ContainsTextOptions().setTimeout(BOOT_MILLIS));
      ConsolePages.typeSerial(page, "demo\n");
      assertThat(ConsolePages.serialRows(page)).containsText("Password:");
      ConsolePages.typeSerial(page, password + "\n");
      assertThat(ConsolePages.serialRows(page)).containsText("demo@");
    } finally {
      for (String name : List.of("first", "second")) {
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace(ns)
            .withName(name)
            .delete();
      }
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> vm(ns, "first").isMissingNode() && vm(ns, "second").isMissingNode());
    }
  }

  private com.fasterxml.jackson.databind.JsonNode vm(String ns, String name) {
    GenericKubernetesResource vm =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace(ns)
            .withName(name)
            .get();
    return vm == null
        ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : Serialization.jsonMapper().valueToTree(vm);
  }
}
