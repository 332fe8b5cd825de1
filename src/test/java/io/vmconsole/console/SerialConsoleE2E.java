package io.vmconsole.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.vmconsole.console.ConsolePages.SERIAL;
import static io.vmconsole.console.ConsolePages.serialRows;
import static io.vmconsole.console.ConsolePages.state;
import static io.vmconsole.console.ConsolePages.typeSerial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BootedVm;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import io.vmconsole.testsupport.TestVms;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The serial console in a real browser, on a real guest run by a real agent. */
class SerialConsoleE2E extends ConsoleIntegrationTest {
  private static BootedVm vm;

  @AfterAll
  static void deleteVm() {
    if (vm != null) {
      vm.delete();
    }
  }

  @Test
  void bootLogThenLoginAndAWatcherSeesItLiveButCannotType() throws Exception {
    String ns = newNamespace("serial");
    vm = BootedVm.boot(client, agents, ns, "serial-vm");
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    String viewer = newUser("viewer", Role.VIEWER, List.of(ns));

    Page op = ConsolePages.loggedIn(baseUrl(), operator, PASSWORD);
    ConsolePages.openTab(op, baseUrl(), ns, "serial-vm", "Serial console");
    assertThat(state(op, SERIAL)).hasText("Connected");
    // The boot log from power-on is on screen before anything was typed.
    assertThat(serialRows(op)).containsText("vmconsole-guest-ready");
    assertThat(op.locator(SERIAL + " .console-stty"))
        .hasText(java.util.regex.Pattern.compile("stty rows \\d+ cols \\d+"));
    ConsolePages.loginOnSerial(op);
    typeSerial(op, "echo hello-$((6*7))\n");
    assertThat(serialRows(op)).containsText("hello-42");
    // The guest talks on serial: no "nothing yet" notice, long after it would have shown.
    assertThat(op.locator(SERIAL + " .console-silent")).isHidden();

    Download log = op.waitForDownload(() -> op.locator(SERIAL + " .console-download-log").click());
    assertThat(Files.readString(log.path())).contains("Linux version").contains("hello-42");

    Page watcher = ConsolePages.loggedIn(baseUrl(), viewer, PASSWORD);
    ConsolePages.openTab(watcher, baseUrl(), ns, "serial-vm", "Serial console");
    assertThat(state(watcher, SERIAL)).hasText("Connected — watching (read-only)");
    assertThat(serialRows(watcher)).containsText("hello-42");
    typeSerial(op, "echo live-$((7*7))\n");
    assertThat(serialRows(watcher)).containsText("live-49");

    typeSerial(watcher, "echo watcher-$((2+3))\n");
    typeSerial(op, "echo after-$((1+1))\n");
    assertThat(serialRows(op)).containsText("after-2");
    assertThat(serialRows(op)).not().containsText("watcher-");
    assertThat(vm.serialLog()).doesNotContain("watcher-");
    Browsers.close(watcher.context());
    Browsers.close(op.context());
  }

  /**
   * User asks #14 (a blank console with no hint why): a guest that never writes to its serial port
   * (here firmware with nothing to boot: only a blank disk) gets a notice saying what may be wrong,
   * with an Enter button for prompts that wait for a key.
   */
  @Test
  void aGuestSilentOnSerialGetsANoticeWithAnEnterButton() {
    String ns = newNamespace("silent");
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
        .inNamespace(ns)
        .resource(
            Serialization.unmarshal(
                """
            apiVersion: virtualization.deckhouse.io/v1alpha2
            kind: VirtualDisk
            metadata:
              name: silent-blank
            spec:
              persistentVolumeClaim:
                size: 64Mi
            """,
                GenericKubernetesResource.class))
        .create();
    TestVms.createFromYaml(
        client,
        ns,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata:
          name: silent-vm
        spec:
          virtualMachineClassName: generic
          runPolicy: AlwaysOn
          cpu:
            cores: 1
            coreFraction: 10%
          memory:
            size: 128Mi
          blockDeviceRefs:
            - kind: VirtualDisk
              name: silent-blank
        """);
    try {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> "Running".equals(phase(ns, "silent-vm")));
      Page op = ConsolePages.loggedIn(baseUrl(), operator, PASSWORD);
      ConsolePages.openTab(op, baseUrl(), ns, "silent-vm", "Serial console");
      assertThat(state(op, SERIAL)).hasText("Connected");
      Locator notice = op.locator(SERIAL + " .console-silent");
      assertThat(notice).isVisible();
      assertThat(notice).containsText("No output from the guest yet");
      assertThat(notice).containsText("console=ttyS0");
      notice.locator(".console-press-enter").click();
      // Enter reached nothing that answers: the notice stays.
      assertThat(notice).isVisible();
      Browsers.close(op.context());
    } finally {
      TestVms.delete(client, ns, "silent-vm");
      client
          .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
          .inNamespace(ns)
          .withName("silent-blank")
          .delete();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> phase(ns, "silent-vm") == null);
    }
  }

  private String phase(String ns, String name) {
    GenericKubernetesResource vm =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace(ns)
            .withName(name)
            .get();
    return vm == null
        ? null
        : Serialization.jsonMapper().valueToTree(vm).path("status").path("phase").asText("");
  }
}
