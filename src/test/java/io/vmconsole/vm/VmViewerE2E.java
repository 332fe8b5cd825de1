package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import io.fabric8.kubernetes.api.model.Secret;
import io.vmconsole.operations.OperationService;
import io.vmconsole.operations.VmRef;
import io.vmconsole.provisioning.ProvisioningSecretService;
import io.vmconsole.provisioning.ProvisioningTypes;
import io.vmconsole.security.ConsoleUser;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.TestVms;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Issue 6 acceptance: an operator keeps a cloud-init Secret through the page (base64 done for them)
 * and sees its value only on request; a viewer of the namespace sees the VM and the Secret's name
 * but no edit, no actions and no values, and the services refuse a viewer's writes and reveals.
 */
class VmViewerE2E extends BrowserTest {
  static final String CLOUD_INIT = "#cloud-config\nusers:\n- name: secret-user\n";

  /** The name cell only: the type cell (…/cloud-init) contains "init" too. */
  static final java.util.regex.Pattern INIT_CELL = java.util.regex.Pattern.compile("^init$");

  @Autowired VmEditService edits;
  @Autowired OperationService operations;
  @Autowired ProvisioningSecretService secrets;

  @Test
  void operatorRevealsOnRequestAViewerSeesNoValuesNoEditNoActionsAndTheServicesRefuseThem() {
    String ns = newNamespace("view");
    TestVms.create(client, ns, "watched");
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    String viewer = newUser("viewer", Role.VIEWER, List.of(ns));

    Browsers.logIn(page, baseUrl(), operator, PASSWORD);
    page.navigate(baseUrl() + "/provisioning-secrets");
    page.locator("#secret-new").click();
    page.locator("#secret-name input").fill("init");
    page.locator("#secret-value-userData textarea").fill(CLOUD_INIT);
    page.locator("#secret-save").click();
    assertThat(
            page.locator(
                "#secrets-grid vaadin-grid-cell-content:visible",
                new Page.LocatorOptions().setHasText(INIT_CELL)))
        .hasCount(1);
    Secret stored = client.secrets().inNamespace(ns).withName("init").get();
    assertThat(stored.getType()).isEqualTo(ProvisioningTypes.CLOUD_INIT);
    assertThat(
            new String(
                Base64.getDecoder().decode(stored.getData().get("userData")),
                StandardCharsets.UTF_8))
        .isEqualTo(CLOUD_INIT);
    page.locator(
            "#secrets-grid vaadin-grid-cell-content:visible",
            new Page.LocatorOptions().setHasText(INIT_CELL))
        .first()
        .click();
    assertThat(page.locator("#secret-value-userData textarea")).hasValue("");
    page.locator("#secret-reveal").click();
    assertThat(page.locator("#secret-value-userData textarea")).hasValue(CLOUD_INIT);
    page.navigate(baseUrl() + "/vms/" + ns + "/watched");
    assertThat(page.locator("#vm-actions")).isVisible();
    context.clearCookies();

    Browsers.logIn(page, baseUrl(), viewer, PASSWORD);
    page.navigate(baseUrl() + "/vms/" + ns + "/watched");
    assertThat(page.locator("#vm-summary")).isVisible();
    assertThat(page.locator("#vm-actions")).hasCount(0);
    assertThat(page.locator("#vm-edit")).hasCount(0);
    assertThat(page.locator("#create-vm")).hasCount(0);
    page.navigate(baseUrl() + "/provisioning-secrets");
    assertThat(
            page.locator(
                "#secrets-grid vaadin-grid-cell-content:visible",
                new Page.LocatorOptions().setHasText(INIT_CELL)))
        .hasCount(1);
    page.locator(
            "#secrets-grid vaadin-grid-cell-content:visible",
            new Page.LocatorOptions().setHasText(INIT_CELL))
        .first()
        .click();
    assertThat(page.locator("#secret-reveal")).hasCount(0);
    assertThat(page.getByText("secret-user")).hasCount(0);
    page.navigate(baseUrl() + "/vms/" + ns + "/watched/edit");
    assertThat(page.locator("#vm-save")).hasCount(0);

    ConsoleUser principal = new ConsoleUser(users.find(viewer).orElseThrow(), false);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
    try {
      ObjectNode vm =
          io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().createObjectNode();
      vm.putObject("metadata").put("namespace", ns).put("name", "sneaky");
      assertThatThrownBy(() -> secrets.reveal(ns, "init"))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(
              () -> secrets.save(ns, "init", ProvisioningTypes.CLOUD_INIT, Map.of("userData", "x")))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> edits.load(ns, "watched")).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> edits.delete(ns, "watched"))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> edits.revertPending(ns, "watched"))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> operations.run(ns, "watched", "Stop", false))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(operations.runAll(List.of(new VmRef(ns, "watched")), "Stop", false).get(0).error())
          .contains("does not allow");
      assertThatThrownBy(() -> edits.create(vm)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> edits.save(ns, "watched", vm, vm))
          .isInstanceOf(AccessDeniedException.class);
    } finally {
      SecurityContextHolder.clearContext();
    }
    assertThat(client.secrets().inNamespace(ns).withName("init").get().getData().get("userData"))
        .isEqualTo(stored.getData().get("userData"));
    assertThat(
            client
                .genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE)
                .inNamespace(ns)
                .withName("watched")
                .get())
        .isNotNull();
  }
}
