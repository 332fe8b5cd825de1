package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.Kubectl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 acceptance: Stop on three selected running VMs — the confirmation lists the three, each
 * gets its own operation and result, all reach Stopped, and the selection is cleared. The VMs boot
 * two at a time at most.
 */
class VmBulkStopE2E extends BrowserTest {
  static final Duration BOOT = Duration.ofMinutes(4);
  static final List<String> NAMES = List.of("bulk-a", "bulk-b", "bulk-c");

  private String phase(String ns, String name) {
    GenericKubernetesResource vm =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace(ns)
            .withName(name)
            .get();
    return vm == null
        ? ""
        : Serialization.jsonMapper().valueToTree(vm).path("status").path("phase").asText();
  }

  private void createVm(String ns, String name) throws Exception {
    Kubectl.Result r =
        kubectl()
            .runWithInput(
                """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualDisk
        metadata:
          name: %s-root
        spec:
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
                    .formatted(name, name, name),
                "apply",
                "--validate=false",
                "-n",
                ns,
                "-f",
                "-");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  private void awaitPhase(String ns, List<String> names, String phase) {
    await()
        .atMost(BOOT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> names.stream().allMatch(n -> phase.equals(phase(ns, n))));
  }

  @Test
  void stoppingThreeSelectedVmsConfirmsThemShowsAResultEachAndClearsTheSelection()
      throws Exception {
    String ns = newNamespace("bulk");
    createVm(ns, NAMES.get(0));
    createVm(ns, NAMES.get(1));
    awaitPhase(ns, NAMES.subList(0, 2), "Running");
    createVm(ns, NAMES.get(2));
    awaitPhase(ns, NAMES, "Running");

    String user = newUser("op", Role.OPERATOR, List.of(ns));
    Browsers.logIn(page, baseUrl(), user, PASSWORD);
    // The operator sees only this namespace, so no search is typed: a search applies after a pause
    // in
    // typing, and a list fetched again under a click could drop that click's selection.
    for (String name : NAMES) {
      // The whole cell: the namespace cell (bulk-…) may contain the name too.
      assertThat(
              page.locator(
                  "vaadin-grid-cell-content:visible",
                  new Page.LocatorOptions()
                      .setHasText(java.util.regex.Pattern.compile("^" + name + "$"))))
          .hasCount(1);
    }
    Locator rowBoxes =
        page.locator("vaadin-grid-cell-content vaadin-checkbox:not(#selectAllCheckbox):visible");
    assertThat(rowBoxes).hasCount(3);
    Editor editor = new Editor(page, baseUrl());
    for (int i = 0; i < 3; i++) {
      editor.settle();
      rowBoxes.nth(i).click();
      assertThat(rowBoxes.nth(i)).hasAttribute("checked", "");
    }
    editor.settle();

    page.locator("#bulk-stop").click();
    Locator targets = page.locator(".bulk-target");
    assertThat(targets).hasCount(3);
    for (String name : NAMES) {
      assertThat(targets.filter(new Locator.FilterOptions().setHasText(ns + "/" + name)))
          .hasCount(1);
    }
    page.locator("#bulk-confirm-button").click();

    Locator results = page.locator("#bulk-results-grid vaadin-grid-cell-content:visible");
    for (String name : NAMES) {
      assertThat(results.filter(new Locator.FilterOptions().setHasText(ns + "/" + name)))
          .hasCount(1);
    }
    assertThat(results.filter(new Locator.FilterOptions().setHasText("Completed")))
        .hasCount(3, new LocatorAssertions.HasCountOptions().setTimeout(180_000));
    awaitPhase(ns, NAMES, "Stopped");
    page.locator("#bulk-results-close").click();
    assertThat(rowBoxes).hasCount(3);
    for (int i = 0; i < 3; i++) {
      assertThat(rowBoxes.nth(i)).not().hasAttribute("checked", "");
    }
  }
}
