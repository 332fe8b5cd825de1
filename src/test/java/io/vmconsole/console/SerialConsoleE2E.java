package io.vmconsole.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.vmconsole.console.ConsolePages.SERIAL;
import static io.vmconsole.console.ConsolePages.serialRows;
import static io.vmconsole.console.ConsolePages.state;
import static io.vmconsole.console.ConsolePages.typeSerial;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BootedVm;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import java.nio.file.Files;
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
    assertThat(op.locator(SERIAL + " .console-stty")).hasText(java.util.regex.Pattern.compile("stty rows \\d+ cols \\d+"));
    ConsolePages.loginOnSerial(op);
    typeSerial(op, "echo hello-$((6*7))\n");
    assertThat(serialRows(op)).containsText("hello-42");

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
    watcher.context().close();
    op.context().close();
  }
}
