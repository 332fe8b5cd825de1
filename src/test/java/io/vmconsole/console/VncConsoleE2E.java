package io.vmconsole.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.vmconsole.console.ConsolePages.VNC;
import static io.vmconsole.console.ConsolePages.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Page;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BootedVm;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The VNC console: keystrokes on the canvas, paste as typing and the send-keys menu reach the
 * guest's VGA console; the guest proves it on serial, which the test reads from the agent.
 */
class VncConsoleE2E extends ConsoleIntegrationTest {
  private static BootedVm vm;

  @AfterAll
  static void deleteVm() {
    if (vm != null) {
      vm.delete();
    }
  }

  @Test
  void typingOnTheCanvasPasteAsTypingAndCtrlAltDelReachTheGuest() throws Exception {
    String ns = newNamespace("vnc");
    vm = BootedVm.boot(client, agents, ns, "vnc-vm");
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    Page op = ConsolePages.loggedIn(baseUrl(), operator, PASSWORD);
    // Logged in on serial too: login gives ttyS0 to cloud, so cloud's shell on tty1 may write to
    // it.
    ConsolePages.openTab(op, baseUrl(), ns, "vnc-vm", "Serial console");
    ConsolePages.loginOnSerial(op);
    op.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Console (VNC)")).click();
    assertThat(state(op, VNC)).hasText("Connected");
    assertThat(op.locator(VNC + " canvas")).isVisible();

    // Log in on tty1 by typing on the canvas. getty may still be starting, and login drops
    // type-ahead: retype the whole sequence until the guest answers on serial.
    String nonce = "vnc-" + UUID.randomUUID().toString().substring(0, 8);
    Awaitility.await("typed command reaches the guest")
        .atMost(Duration.ofSeconds(120))
        .pollInSameThread()
        .pollInterval(Duration.ofSeconds(6))
        .until(
            () -> {
              if (vm.serialLog().contains(nonce)) {
                return true;
              }
              op.locator(VNC + " canvas").click();
              op.keyboard().press("Enter");
              typeOnCanvas(op, "cloud\n");
              typeOnCanvas(op, "cloud\n");
              typeOnCanvas(op, "echo " + nonce + " > /dev/ttyS0\n");
              return false;
            });

    String pasted = "paste-" + UUID.randomUUID().toString().substring(0, 8);
    op.evaluate("t => navigator.clipboard.writeText(t)", "echo " + pasted + " é > /dev/ttyS0\n");
    op.locator(VNC + " .console-paste-typing").click();
    assertThat(op.locator(VNC + " .console-warning")).containsText("é");
    Awaitility.await("pasted text typed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> vm.serialLog().contains(pasted));

    op.locator(VNC + " .console-send-keys").selectOption("cad");
    Awaitility.await("Ctrl+Alt+Del reaches the guest")
        .atMost(Duration.ofSeconds(30))
        .until(() -> vm.serialLog().contains("Ctrl+Alt+Del received"));

    Download png = op.waitForDownload(() -> op.locator(VNC + " .console-screenshot").click());
    byte[] head = Files.readAllBytes(png.path());
    assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");

    op.locator(VNC + " .console-scaling").selectOption("remote");
    op.locator(VNC + " .console-scaling").selectOption("none");
    assertThat(state(op, VNC)).hasText("Connected");
    Browsers.close(op.context());
  }

  /**
   * Types as a person does: shifted characters with the Shift key held (Playwright's type() sends
   * '>' without Shift, and QEMU takes the key's position, not its character).
   */
  private static void typeOnCanvas(Page page, String text) {
    Keyboard keys = page.keyboard();
    for (char c : text.toCharArray()) {
      if (c == '\n') {
        keys.press("Enter");
      } else if (c == '>') {
        keys.press("Shift+Period");
      } else if (Character.isUpperCase(c)) {
        keys.press("Shift+Key" + c);
      } else {
        keys.press(String.valueOf(c));
      }
    }
  }

  @Test
  void aViewerGetsNoVncConsole() {
    String ns = newNamespace("vncview");
    String viewer = newUser("viewer", Role.VIEWER, List.of(ns));
    io.vmconsole.testsupport.TestVms.create(client, ns, "seen");
    Page page = ConsolePages.loggedIn(baseUrl(), viewer, PASSWORD);
    ConsolePages.openTab(page, baseUrl(), ns, "seen", "Console (VNC)");
    assertThat(page.getByText("The VNC console needs the operator role")).isVisible();
    assertThat(page.locator(VNC)).hasCount(0);
    Browsers.close(page.context());
  }
}
