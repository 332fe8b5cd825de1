package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.Guests;
import io.vmconsole.testsupport.Kubectl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 6 acceptance on one long-lived running VM (the demo guest with the seed's cloud user): the
 * change panel before saving, the pending-restart banner after, Restart now, Revert, and saving
 * merged with a kubectl change or refused on a conflicting one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmEditE2E extends BrowserTest {
  static final Duration BOOT = Duration.ofMinutes(4);
  static final LocatorAssertions.IsVisibleOptions LONG =
      new LocatorAssertions.IsVisibleOptions().setTimeout(240_000);
  static String ns;
  static String user;

  @Autowired AgentDirectory agents;
  private Editor editor;

  @BeforeEach
  void vmAndLogIn() throws Exception {
    if (ns == null) {
      ns = newNamespace("edit");
      user = newUser("op", Role.OPERATOR, List.of(ns));
      Kubectl.Result r =
          kubectl()
              .runWithInput(
                  """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualDisk
          metadata:
            name: edit-vm-root
          spec:
            dataSource:
              type: ObjectRef
              objectRef: {kind: ClusterVirtualImage, name: demo}
          ---
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualMachine
          metadata:
            name: edit-vm
            labels: {app: edit-vm}
          spec:
            virtualMachineClassName: generic
            terminationGracePeriodSeconds: 20
            cpu: {cores: 1, coreFraction: 100%}
            memory: {size: 256Mi}
            blockDeviceRefs:
              - {kind: VirtualDisk, name: edit-vm-root}
            provisioning:
              type: UserData
              userData: |
          """
                      + VmTemplates.SEED_CLOUD_INIT.indent(6),
                  "apply",
                  "--validate=false",
                  "-n",
                  ns,
                  "-f",
                  "-");
      assertThat(r.exit()).as(r.err()).isZero();
    }
    awaitVm(BOOT, v -> v.path("status").path("phase").asText().equals("Running"));
    Browsers.logIn(page, baseUrl(), user, PASSWORD);
    editor = new Editor(page, baseUrl());
  }

  JsonNode vm() {
    GenericKubernetesResource r =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace(ns)
            .withName("edit-vm")
            .get();
    return r == null ? MissingNode.getInstance() : Serialization.jsonMapper().valueToTree(r);
  }

  JsonNode awaitVm(Duration timeout, java.util.function.Predicate<JsonNode> condition) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> condition.test(vm()));
    return vm();
  }

  /** The controller has seen the latest spec. */
  JsonNode settled() {
    return awaitVm(
        Duration.ofSeconds(30),
        v ->
            v.path("status").path("observedGeneration").asLong()
                == v.path("metadata").path("generation").asLong());
  }

  long pid(JsonNode vm) {
    return new Guests(agents)
        .vm(vm.path("status").path("nodeName").asText(), vm.path("metadata").path("uid").asText())
        .pid();
  }

  Locator paragraph(String text) {
    return page.locator("p", new Page.LocatorOptions().setHasText(text)).first();
  }

  void merge(String patch) throws Exception {
    Kubectl.Result r =
        kubectl().run("patch", "vm", "edit-vm", "-n", ns, "--type=merge", "-p", patch);
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  @Order(1)
  void aLabelAndRunPolicyApplyNowAndRaiseNoBanner() {
    long pid = pid(vm());
    editor
        .openEdit(ns, "edit-vm")
        .text("vm-labels", "app=edit-vm, tier=gold")
        .select("#vm-run-policy", "AlwaysOn");
    assertThat(editor.changeRow("metadata.labels")).isVisible();
    assertThat(editor.changeRow("runPolicy")).isVisible();
    assertThat(editor.changeRow("applies now")).hasCount(2);
    assertThat(editor.changeRow("needs restart")).hasCount(0);
    editor.save();
    page.waitForURL("**/vms/" + ns + "/edit-vm");
    JsonNode v =
        awaitVm(
            Duration.ofSeconds(30),
            x -> x.path("spec").path("runPolicy").asText().equals("AlwaysOn"));
    assertThat(v.path("metadata").path("labels").path("tier").asText()).isEqualTo("gold");
    v = settled();
    assertThat(v.path("status").path("restartAwaitingChanges")).isEmpty();
    assertThat(editor.banner()).isHidden();
    assertThat(pid(v)).isEqualTo(pid);
  }

  @Test
  @Order(2)
  void coresOneToTwoNeedARestartShownBeforeAndAfterSavingAndRestartNowAppliesIt() {
    long pid = pid(vm());
    editor.openEdit(ns, "edit-vm").text("vm-cores", "2");
    assertThat(editor.changeRow("cpu.cores")).isVisible();
    assertThat(editor.changeRow("needs restart")).hasCount(1);
    // The side panel shows whole paths and values (wrapped), none cut off.
    org.assertj.core.api.Assertions.assertThat(
            page.locator("#change-grid vaadin-grid-cell-content:visible")
                .evaluateAll(
                    "cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1).length"))
        .isEqualTo(0);
    editor.save();
    page.waitForURL("**/vms/" + ns + "/edit-vm");
    assertThat(editor.banner())
        .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
    Locator table = page.locator("#pending-table");
    assertThat(
            table.locator(
                "vaadin-grid-cell-content:visible",
                new Locator.LocatorOptions().setHasText("cpu.cores")))
        .isVisible();
    assertThat(
            table.locator(
                "vaadin-grid-cell-content:visible",
                new Locator.LocatorOptions().setHasText("1 → 2")))
        .isVisible();
    assertThat(
            table.locator(
                "vaadin-grid-cell-content:visible",
                new Locator.LocatorOptions().setHasText("replace")))
        .isVisible();
    assertThat(editor.banner()).containsText("A reboot from inside the guest does not apply them");
    // The overview says what runs and what comes, not the pending value alone.
    assertThat(page.locator("#vm-cores-value")).hasText("1 → 2 after restart");

    page.navigate(baseUrl() + "/vms");
    page.locator("#wide-toggle").click();
    page.locator("#vm-search input").fill("edit-vm");
    assertThat(
            page.locator(
                    "vaadin-grid-cell-content:visible",
                    new Page.LocatorOptions().setHasText("True"))
                .first())
        .isVisible();

    page.navigate(baseUrl() + "/vms/" + ns + "/edit-vm");
    page.locator("#restart-now").click();
    assertThat(editor.banner())
        .isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(240_000));
    JsonNode v =
        awaitVm(
            BOOT,
            x ->
                x.path("status").path("phase").asText().equals("Running")
                    && x.path("status").path("restartAwaitingChanges").isEmpty()
                    && pid(x) != pid);
    String out =
        new Guests(agents)
            .loginAndRun(
                v.path("status").path("nodeName").asText(),
                v.path("metadata").path("uid").asText(),
                "cloud",
                "cloud",
                "nproc");
    assertThat(out).containsPattern("(?m)^2\\r?$");
  }

  @Test
  @Order(3)
  void revertPendingChangesRestoresTheSpecWithoutARestart() {
    long pid = pid(vm());
    editor.openEdit(ns, "edit-vm").text("vm-memory", "512Mi");
    assertThat(editor.changeRow("memory.size")).isVisible();
    editor.save();
    page.waitForURL("**/vms/" + ns + "/edit-vm");
    assertThat(editor.banner())
        .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
    assertThat(
            page.locator(
                "#pending-table vaadin-grid-cell-content:visible",
                new Page.LocatorOptions().setHasText("memory.size")))
        .isVisible();
    page.locator("#revert-pending").click();
    assertThat(editor.banner())
        .isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(30_000));
    JsonNode v = settled();
    assertThat(v.path("spec").path("memory").path("size").asText()).isEqualTo("256Mi");
    assertThat(v.path("status").path("restartAwaitingChanges")).isEmpty();
    assertThat(pid(v)).isEqualTo(pid);
  }

  @Test
  @Order(4)
  void savingMergesAnotherWritersFieldAndShowsAConflictOnTheSameField() throws Exception {
    editor.openEdit(ns, "edit-vm").text("vm-cores", "1");
    merge("{\"spec\":{\"memory\":{\"size\":\"384Mi\"}}}");
    editor.save();
    page.waitForURL("**/vms/" + ns + "/edit-vm");
    JsonNode v =
        awaitVm(Duration.ofSeconds(30), x -> x.path("spec").path("cpu").path("cores").asInt() == 1);
    assertThat(v.path("spec").path("memory").path("size").asText()).isEqualTo("384Mi");

    editor.openEdit(ns, "edit-vm").text("vm-cores", "3");
    merge("{\"spec\":{\"cpu\":{\"cores\":4}}}");
    editor.save();
    Locator conflict = page.locator("#conflict-grid vaadin-grid-cell-content:visible");
    assertThat(conflict.filter(new Locator.FilterOptions().setHasText("cpu.cores"))).isVisible();
    assertThat(conflict.filter(new Locator.FilterOptions().setHasText("4"))).isVisible();
    assertThat(conflict.filter(new Locator.FilterOptions().setHasText("3"))).isVisible();
    assertThat(editor.textValue("vm-cores")).isEqualTo("3");
    assertThat(vm().path("spec").path("cpu").path("cores").asInt()).isEqualTo(4);
  }

  @Test
  @Order(5)
  void deleteAsksNamingTheVmItsDisksAndItsIp() {
    page.navigate(baseUrl() + "/vms/" + ns + "/edit-vm");
    page.locator("#vm-delete").waitFor();
    editor.settle();
    page.locator("#vm-delete").click();
    assertThat(page.locator("#confirm-delete")).isVisible();
    assertThat(paragraph("VirtualMachine " + ns + "/edit-vm is stopped and its object deleted"))
        .isVisible();
    assertThat(paragraph("Its disks (edit-vm-root) are kept")).isVisible();
    assertThat(paragraph("IP address")).isVisible();
    page.locator("#confirm-delete").click();
    page.waitForURL("**/vms");
    await().atMost(Duration.ofMinutes(2)).until(() -> vm().isMissingNode());
  }
}
