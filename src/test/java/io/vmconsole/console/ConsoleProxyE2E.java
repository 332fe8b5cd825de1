package io.vmconsole.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.vmconsole.console.ConsolePages.SERIAL;
import static io.vmconsole.console.ConsolePages.VNC;
import static io.vmconsole.console.ConsolePages.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BootedVm;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The proxy's rules seen from outside: pings, refused upgrades, SSH, and a VM that stops and
 * starts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleProxyE2E extends ConsoleIntegrationTest {
  private static BootedVm vm;
  private static String ns;

  @AfterAll
  static void deleteVm() {
    if (vm != null) {
      vm.delete();
    }
  }

  private void boot() {
    if (vm == null) {
      ns = newNamespace("proxy");
      vm = BootedVm.boot(client, agents, ns, "proxy-vm");
    }
  }

  @Test
  @Order(1)
  void rawClientSeesPingsAndForbiddenUpgradesAreRefused() throws Exception {
    boot();
    String other = newNamespace("other");
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    String viewer = newUser("viewer", Role.VIEWER, List.of(ns));
    String stranger = newUser("stranger", Role.OPERATOR, List.of(other));
    RawConsoleClient raw = new RawConsoleClient(port);
    String opCookie = raw.sessionCookie(baseUrl(), operator, PASSWORD);
    String viewerCookie = raw.sessionCookie(baseUrl(), viewer, PASSWORD);
    String strangerCookie = raw.sessionCookie(baseUrl(), stranger, PASSWORD);
    String serial = "/console-ws/serial/" + ns + "/proxy-vm";
    String vnc = "/console-ws/vnc/" + ns + "/proxy-vm";

    RawConsoleClient.Session s = raw.open(serial + "?mode=interactive", opCookie, raw.origin());
    Awaitility.await("keep-alive pings").atMost(Duration.ofSeconds(15)).until(() -> s.pings() >= 2);
    s.close();
    RawConsoleClient.Session watch = raw.open(serial + "?mode=watch", viewerCookie, raw.origin());
    Awaitility.await("a viewer watches serial")
        .atMost(Duration.ofSeconds(15))
        .until(() -> watch.binaryBytes() > 0);
    watch.close();

    assertThat(raw.refusal(serial + "?mode=watch", null, raw.origin()))
        .as("no session")
        .isIn(302, 401, 403);
    assertThat(raw.refusal(vnc + "?mode=interactive", viewerCookie, raw.origin()))
        .as("viewer on VNC")
        .isEqualTo(403);
    assertThat(raw.refusal(vnc + "?mode=watch", viewerCookie, raw.origin()))
        .as("viewer watching VNC")
        .isEqualTo(403);
    assertThat(raw.refusal(serial + "?mode=interactive", viewerCookie, raw.origin()))
        .as("viewer typing on serial")
        .isEqualTo(403);
    assertThat(raw.refusal(serial + "?mode=watch", strangerCookie, raw.origin()))
        .as("user of another namespace")
        .isEqualTo(403);
    assertThat(raw.refusal(serial + "?mode=interactive", opCookie, "http://evil.example"))
        .as("foreign Origin")
        .isEqualTo(403);
    assertThat(raw.refusal(serial + "?mode=interactive", opCookie, null))
        .as("no Origin")
        .isEqualTo(403);
  }

  @Test
  @Order(2)
  void theSshCommandShownPrintsTheGuestsNproc() {
    boot();
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    Page page = ConsolePages.loggedIn(baseUrl(), operator, PASSWORD);
    page.navigate(baseUrl() + "/vms/" + ns + "/proxy-vm");
    page.locator("#vm-ssh").click();
    String command = page.locator("#ssh-command").innerText().trim();
    assertThat(command).matches("ssh -p \\d+ cloud@127\\.0\\.0\\.1");
    page.locator("#ssh-copy").click();
    assertThat(page.locator("#ssh-copy")).hasText("Copied");
    Browsers.close(page.context());

    List<String> cmd = new ArrayList<>(Arrays.asList(command.split(" ")));
    // The shown command as a person runs it, plus what a script needs: the test's key, no prompts.
    cmd.addAll(
        1,
        List.of(
            "-i",
            vm.sshKey().toString(),
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "ConnectTimeout=20"));
    cmd.add("nproc");
    Awaitility.await("ssh prints nproc")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> run(cmd).equals("1"));
  }

  @Test
  @Order(3)
  void stoppingTheVmShowsNotRunningInBothTabsAndStartingReconnectsWithoutReload() {
    boot();
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    Page serial = ConsolePages.loggedIn(baseUrl(), operator, PASSWORD);
    ConsolePages.openTab(serial, baseUrl(), ns, "proxy-vm", "Serial console");
    Page vncPage = serial.context().newPage();
    ConsolePages.openTab(vncPage, baseUrl(), ns, "proxy-vm", "Console (VNC)");
    assertThat(state(serial, SERIAL)).hasText("Connected");
    assertThat(state(vncPage, VNC)).hasText("Connected");

    vm.stop();
    assertThat(state(serial, SERIAL)).containsText("VM not running");
    assertThat(state(vncPage, VNC)).containsText("VM not running");

    vm.start();
    assertThat(state(serial, SERIAL))
        .hasText(
            "Connected",
            new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                .setTimeout(30_000));
    assertThat(state(vncPage, VNC))
        .hasText(
            "Connected",
            new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                .setTimeout(30_000));
    assertThat(ConsolePages.serialRows(serial)).containsText("login:");
    Browsers.close(serial.context());
  }

  private static String run(List<String> cmd) {
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return out;
    } catch (Exception e) {
      return "";
    }
  }
}
