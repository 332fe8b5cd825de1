package io.vmconsole.ipam;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reserving a static address in the browser: the form, the vmip list, a VM using it, the pool map,
 * release.
 */
class IpAddressesE2E extends ConsoleIntegrationTest {
  private BrowserContext context;
  private Page page;

  @BeforeEach
  void open() {
    // The page refreshes every 2 s and the reconciler works in between: more than the 5 s default.
    com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    context = Browsers.chromium().newContext();
    page = context.newPage();
  }

  @AfterEach
  void close() {
    Browsers.close(context);
  }

  @Test
  void reserveAStaticAddressSeeItListedAndOnThePoolMapThenReleaseIt() {
    String ns = newNamespace("ipui");
    Browsers.logIn(page, baseUrl(), "admin", ADMIN_PASSWORD);
    page.locator("#namespace-selector input").fill(ns);
    page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(ns)).click();
    page.locator(
            "#main-nav vaadin-side-nav-item", new Page.LocatorOptions().setHasText("IP addresses"))
        .click();

    // A refused address: the message names the field and the rule, the typed text stays, nothing is
    // written.
    page.locator("#reserve-name input").fill("web-ip");
    page.locator("#reserve-address input").fill("10.66.20.0");
    page.locator("#reserve").click();
    assertThat(page.locator("#reserve-address")).hasAttribute("invalid", "");
    assertThat(page.locator("#reserve-address"))
        .containsText(
            "spec.staticIP: must not be the first or last address of its CIDR (got 10.66.20.0)");
    assertThat(page.locator("#reserve-address input")).hasValue("10.66.20.0");
    org.assertj.core.api.Assertions.assertThat(
            client
                .resources(VirtualMachineIPAddress.class)
                .inNamespace(ns)
                .withName("web-ip")
                .get())
        .isNull();

    page.locator("#reserve-address input").fill("10.66.20.99");
    page.locator("#reserve").click();
    Locator grid = page.locator("#vmip-grid");
    assertThat(grid).containsText("web-ip");
    assertThat(grid).containsText("10.66.20.99");
    assertThat(grid).containsText("Bound");
    assertThat(page.locator("[data-address='10.66.20.99'][data-state='used']")).hasCount(1);
    assertThat(page.locator("#lease-grid")).containsText("ip-10-66-20-99");

    // A VM naming it: the vmip is Attached and the VM list's IP column shows the address.
    io.vmconsole.testsupport.TestVms.createFromYaml(
        client,
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata: {name: web-vm, namespace: %s}
        spec:
          virtualMachineClassName: generic
          runPolicy: Manual
          virtualMachineIPAddressName: web-ip
          cpu: {cores: 1, coreFraction: 10%%}
          memory: {size: 256Mi}
          blockDeviceRefs: [{kind: VirtualDisk, name: web-vm-root}]
        """
            .formatted(ns));
    assertThat(grid).containsText("Attached");
    assertThat(grid).containsText("web-vm");
    page.locator(
            "#main-nav vaadin-side-nav-item",
            new Page.LocatorOptions().setHasText("Virtual machines"))
        .click();
    assertThat(page.locator("#vm-grid")).containsText("10.66.20.99");
    io.vmconsole.testsupport.TestVms.delete(client, ns, "web-vm");
    page.locator(
            "#main-nav vaadin-side-nav-item", new Page.LocatorOptions().setHasText("IP addresses"))
        .click();
    assertThat(grid).containsText("Bound");

    page.locator("#release-web-ip").click();
    assertThat(page.locator("[data-address='10.66.20.99'][data-state='released']")).hasCount(1);
    assertThat(page.locator("#lease-grid")).containsText("Released");
  }

  @Test
  void keepIpOnTheVmPageLetsItsAutoAddressOutliveTheVm() {
    String ns = newNamespace("keep");
    String operator = newUser("op", io.vmconsole.security.Role.OPERATOR, java.util.List.of(ns));
    io.vmconsole.testsupport.TestVms.create(client, ns, "keep-vm");
    // The controller gives the VM its Auto vmip, owned by the VM.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                autoVmip(ns) != null
                    && autoVmip(ns).getStatus() != null
                    && "Attached".equals(autoVmip(ns).getStatus().phase()));
    VirtualMachineIPAddress auto = autoVmip(ns);
    org.assertj.core.api.Assertions.assertThat(auto.getMetadata().getName()).startsWith("keep-vm-");
    org.assertj.core.api.Assertions.assertThat(auto.getMetadata().getOwnerReferences()).hasSize(1);

    Browsers.logIn(page, baseUrl(), operator, PASSWORD);
    page.navigate(baseUrl() + "/vms/" + ns + "/keep-vm");
    assertThat(page.locator("#vm-ip-name")).containsText(auto.getMetadata().getName());
    Locator keep = page.locator("#keep-ip");
    assertThat(keep).not().hasAttribute("checked", "");
    keep.locator("input").check();
    assertThat(page.getByText(auto.getStatus().address() + " stays reserved in " + ns)).isVisible();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> autoVmip(ns).getMetadata().getOwnerReferences().isEmpty());

    io.vmconsole.testsupport.TestVms.delete(client, ns, "keep-vm");
    page.locator("#namespace-selector input").fill(ns);
    page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(ns)).click();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                client
                        .genericKubernetesResources(
                            io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE)
                        .inNamespace(ns)
                        .withName("keep-vm")
                        .get()
                    == null);
    page.locator(
            "#main-nav vaadin-side-nav-item", new Page.LocatorOptions().setHasText("IP addresses"))
        .click();
    Locator grid = page.locator("#vmip-grid");
    assertThat(grid).containsText(auto.getMetadata().getName());
    assertThat(grid).containsText(auto.getStatus().address());
    assertThat(grid).containsText("Bound");
  }

  private VirtualMachineIPAddress autoVmip(String ns) {
    return client
        .resources(VirtualMachineIPAddress.class)
        .inNamespace(ns)
        .list()
        .getItems()
        .stream()
        .findFirst()
        .orElse(null);
  }
}
