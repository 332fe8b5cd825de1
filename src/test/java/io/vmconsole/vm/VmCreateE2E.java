package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 acceptance: the seed's example VM created through the form (its cloud-init pasted into
 * the editor, its disk made from the demo image) reaches Running; the same through the YAML tab; a
 * YAML syntax error shows its line.
 */
class VmCreateE2E extends BrowserTest {
  static final Duration BOOT = Duration.ofMinutes(4);
  static final String SEED_VM =
      """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualMachine
      metadata:
        name: linux-vm
      spec:
        # Virtual machine class name.
        virtualMachineClassName: host
        # Cloud-init script block for provisioning the VM.
        provisioning:
          type: UserData
          userData: |
      %s  cpu:
          cores: 1
          coreFraction: 10%%
        memory:
          size: 1Gi
        blockDeviceRefs:
          - kind: VirtualDisk
            name: linux-vm-root
      """
          .formatted(VmTemplates.SEED_CLOUD_INIT.indent(6));

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

  private boolean exists(String ns, String name) {
    return client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace(ns)
            .withName(name)
            .get()
        != null;
  }

  private void awaitRunningOnItsPage(String ns) {
    page.waitForURL("**/vms/" + ns + "/linux-vm");
    await()
        .atMost(BOOT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> phase(ns, "linux-vm").equals("Running"));
    assertThat(page.locator(".phase-badge[data-phase='Running']"))
        .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
  }

  @Test
  void theSeedExampleThroughTheFormThenThroughTheYamlTabAndAYamlSyntaxErrorShowsItsLine() {
    String ns = newNamespace("create");
    String user = newUser("op", Role.OPERATOR, List.of(ns));
    Browsers.logIn(page, baseUrl(), user, PASSWORD);
    Editor editor = new Editor(page, baseUrl());

    editor.openCreate().text("vm-name", "linux-vm").select("#vm-class", "host");
    assertThat(page.locator("#vm-class-policy"))
        .containsText("core fractions 5%, 10%, 20%, 50%, 100%");
    editor
        .text("vm-cores", "1")
        .select("#vm-core-fraction", "10%")
        .text("vm-memory", "1Gi")
        .addNewDisk("linux-vm-root")
        .radio("vm-provisioning", "cloud-init (inline)")
        .userData(VmTemplates.SEED_CLOUD_INIT);
    assertThat(page.locator("#userdata-bytes"))
        .hasText(
            VmTemplates.SEED_CLOUD_INIT.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + " / 2048 bytes");
    editor.save();
    awaitRunningOnItsPage(ns);
    assertThat(
            client
                .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
                .inNamespace(ns)
                .withName("linux-vm-root")
                .get())
        .isNotNull();

    // Deleted from its page, so the YAML tab can make the same VM again on the same disk.
    page.locator("#vm-delete").click();
    page.locator("#confirm-delete").click();
    await().atMost(Duration.ofMinutes(2)).until(() -> !exists(ns, "linux-vm"));

    String broken = SEED_VM.replace("    cores: 1\n", "    cores: 1\n   oops: x\n");
    int badLine = (int) broken.substring(0, broken.indexOf("   oops")).lines().count() + 1;
    editor.openCreate().yamlTab().yaml(broken).save();
    Locator error = editor.errors().first();
    assertThat(error).containsText("YAML syntax error at line " + badLine + ":");
    assertThat(exists(ns, "linux-vm")).isFalse();

    editor.yaml(SEED_VM).save();
    awaitRunningOnItsPage(ns);
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName("linux-vm")
        .delete();
    await().atMost(Duration.ofMinutes(2)).until(() -> !exists(ns, "linux-vm"));
  }
}
