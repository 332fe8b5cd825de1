package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.TestVms;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 6 acceptance, the bad-input table: each bad value, typed in the form or the YAML tab, shows
 * the admission module's message naming field and rule; nothing is created or changed (checked in
 * the API), and what was typed is still there.
 */
class VmBadInputE2E extends BrowserTest {
  private String ns;
  private Editor editor;

  @BeforeEach
  void logIn() {
    ns = newNamespace("bad");
    String user = newUser("op", Role.OPERATOR, List.of(ns));
    Browsers.logIn(page, baseUrl(), user, PASSWORD);
    editor = new Editor(page, baseUrl());
  }

  private GenericKubernetesResource vm(String name) {
    return client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName(name)
        .get();
  }

  private void refusedInForm(String name, String message) {
    editor.save();
    assertThat(
            editor
                .errors()
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(message)))
        .hasCount(1);
    assertThat(vm(name)).isNull();
    assertThat(
            client
                .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
                .inNamespace(ns)
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void badValuesInTheFormAreRefusedWithFieldAndRuleAndKept() {
    editor.openCreate().template("Demo image").text("vm-name", "Bad_Name");
    refusedInForm("Bad_Name", "metadata.name: must be a DNS-1123 subdomain");
    assertThat(editor.textValue("vm-name")).isEqualTo("Bad_Name");

    editor.text("vm-name", "zero").text("vm-cores", "0");
    refusedInForm("zero", "spec.cpu.cores: must be between 1 and 248 (got 0)");
    assertThat(editor.textValue("vm-cores")).isEqualTo("0");

    editor.text("vm-cores", "17").select("#vm-core-fraction", "100%");
    refusedInForm("zero", "spec.cpu.cores: must be divisible by the socket count 2 above 16 cores");
    assertThat(editor.textValue("vm-cores")).isEqualTo("17");

    String big = "#cloud-config\n" + "x".repeat(2049 - "#cloud-config\n".length());
    editor.text("vm-cores", "1").radio("vm-provisioning", "cloud-init (inline)").userData(big);
    assertThat(page.locator("#userdata-bytes")).hasText("2049 / 2048 bytes");
    refusedInForm("zero", "spec.provisioning.userData: must be at most 2048 bytes (got 2049)");
    assertThat(page.locator("#vm-userdata textarea")).hasValue(big);

    // The template's disk took the VM's name: "zero-root".
    editor.radio("vm-provisioning", "None").addDevice("VirtualDisk", "zero-root");
    refusedInForm(
        "zero",
        "spec.blockDeviceRefs[1]: must not repeat a block device (VirtualDisk zero-root is listed twice)");

    // The class's memory range, the same rule as the API's (issue 18).
    editor.text("vm-memory", "9Gi");
    refusedInForm(
        "zero",
        "spec.memory.size: must be within the sizing policy of class generic for 1–4 cores:"
            + " memory 128Mi–8Gi (got 9Gi)");
    assertThat(editor.textValue("vm-memory")).isEqualTo("9Gi");
  }

  private String yamlVm(String coreFraction, int devices, String provisioning) {
    StringBuilder refs = new StringBuilder();
    for (int i = 0; i < devices; i++) {
      refs.append("    - kind: VirtualDisk\n      name: d").append(i).append("\n");
    }
    return """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata:
          name: yaml-bad
          namespace: %s
        spec:
          virtualMachineClassName: generic
          cpu:
            cores: 1
            coreFraction: %s
          memory:
            size: 256Mi
        %s  blockDeviceRefs:
        %s"""
        .formatted(ns, coreFraction, provisioning.indent(2), refs);
  }

  @Test
  void badValuesInTheYamlTabAreRefusedWithTheirLine() {
    editor.openCreate().template("Demo image").text("vm-name", "yaml-bad").yamlTab();
    // What the template names after the VM follows its name.
    assertThat(editor.yamlText())
        .contains("name: yaml-bad", "yaml-bad-root", "yaml-bad-cloud-init");

    String fraction = yamlVm("30%", 1, "");
    editor.yaml(fraction).save();
    assertThat(editor.errors().first())
        .hasText(
            "line 10: spec.cpu.coreFraction: must be one of the class's core"
                + " fractions 5%, 10%, 20%, 50%, 100% (got 30%)");
    assertThat(vm("yaml-bad")).isNull();
    assertThat(editor.yamlText()).isEqualTo(fraction);

    String seventeen = yamlVm("100%", 17, "");
    editor.yaml(seventeen).save();
    assertThat(
            editor
                .errors()
                .filter(
                    new com.microsoft.playwright.Locator.FilterOptions()
                        .setHasText("spec.blockDeviceRefs: must have 1 to 16 items (got 17)")))
        .hasCount(1);
    assertThat(vm("yaml-bad")).isNull();
    assertThat(editor.yamlText()).isEqualTo(seventeen);

    String duplicate = yamlVm("100%", 2, "").replace("name: d1", "name: d0");
    editor.yaml(duplicate).save();
    assertThat(
            editor
                .errors()
                .filter(
                    new com.microsoft.playwright.Locator.FilterOptions()
                        .setHasText(
                            "spec.blockDeviceRefs[1]: must not repeat a block device (VirtualDisk d0 is listed twice)")))
        .hasCount(1);
    assertThat(vm("yaml-bad")).isNull();

    String both =
        yamlVm(
            "100%",
            1,
            """
        provisioning:
          type: UserData
          userData: "#cloud-config"
          userDataRef:
            kind: Secret
            name: init
        """);
    editor.yaml(both).save();
    assertThat(
            editor
                .errors()
                .filter(
                    new com.microsoft.playwright.Locator.FilterOptions()
                        .setHasText(
                            "spec.provisioning.userDataRef: must not be set when type is UserData")))
        .hasCount(1);
    assertThat(vm("yaml-bad")).isNull();

    editor
        .yaml("apiVersion: v1\nkind: VirtualMachine\nmetadata:\n  name: [oops\nspec: {}\n")
        .save();
    assertThat(editor.errors().first()).containsText("YAML syntax error at line");
    assertThat(vm("yaml-bad")).isNull();
  }

  @Test
  void aBadEditChangesNothing() {
    TestVms.create(client, ns, "keep-me");
    Object before = vm("keep-me").getAdditionalProperties().get("spec");
    editor.openEdit(ns, "keep-me").text("vm-cores", "0");
    editor.save();
    assertThat(editor.errors().first())
        .containsText("spec.cpu.cores: must be between 1 and 248 (got 0)");
    assertThat(vm("keep-me").getAdditionalProperties().get("spec")).isEqualTo(before);
    assertThat(editor.textValue("vm-cores")).isEqualTo("0");
  }

  /**
   * Issue 16, item 8: an operator saving a VM into a namespace they do not have sees why, on the
   * field, and the console logs one line for it (no ERROR, no stack trace); nothing is created, the
   * YAML is kept.
   */
  @Test
  void aVmSavedIntoAnotherNamespaceIsRefusedOnTheNamespaceFieldWithOneLogLine() {
    String other = newNamespace("not-mine");
    editor.openCreate().template("Demo image").text("vm-name", "elsewhere").yamlTab();
    String yaml = editor.yamlText().replace("namespace: " + ns, "namespace: " + other);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logged.start();
    root.addAppender(logged);
    try {
      editor.yaml(yaml).save();
      assertThat(
              editor
                  .errors()
                  .filter(
                      new com.microsoft.playwright.Locator.FilterOptions()
                          .setHasText(
                              "metadata.namespace: you may not create or change VMs in namespace '"
                                  + other
                                  + "' (yours: "
                                  + ns
                                  + ")")))
          .hasCount(1);
    } finally {
      root.detachAppender(logged);
    }
    assertThat(
            client
                .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
                .inNamespace(other)
                .list()
                .getItems())
        .isEmpty();
    assertThat(editor.yamlText()).isEqualTo(yaml);
    assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    assertThat(logged.list)
        .filteredOn(e -> e.getLoggerName().endsWith("DeniedCalls"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains("VmEditService.create")
                    .doesNotContain("\n")
                    .doesNotContain("Exception"));
  }
}
