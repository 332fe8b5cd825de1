package io.vmconsole.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.vmconsole.console.ConsolePages.SERIAL;
import static io.vmconsole.console.ConsolePages.VNC;
import static io.vmconsole.console.ConsolePages.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.audit.AuditRecord;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BootedVm;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One interactive user per console: the second is told who holds it and may take it over. */
class ConsoleTakeOverE2E extends ConsoleIntegrationTest {
  private static BootedVm vm;
  @Autowired AuditLog audit;

  @AfterAll
  static void deleteVm() {
    if (vm != null) {
      vm.delete();
    }
  }

  @Test
  void takeOverOfSerialAndVncWithTheMessageOnBothSidesAndAudit() {
    String ns = newNamespace("take");
    vm = BootedVm.boot(client, agents, ns, "take-vm");
    String alice = newUser("alice", Role.OPERATOR, List.of(ns));
    String bob = newUser("bob", Role.OPERATOR, List.of(ns));
    Page a = ConsolePages.loggedIn(baseUrl(), alice, PASSWORD);
    Page b = ConsolePages.loggedIn(baseUrl(), bob, PASSWORD);

    for (String[] c : new String[][] {{"Serial console", SERIAL}, {"Console (VNC)", VNC}}) {
      ConsolePages.openTab(a, baseUrl(), ns, "take-vm", c[0]);
      assertThat(state(a, c[1])).hasText("Connected");
      ConsolePages.openTab(b, baseUrl(), ns, "take-vm", c[0]);
      assertThat(b.locator(c[1] + " .console-held-text"))
          .containsText("in use by " + alice + " since");
      b.locator(c[1] + " .console-held button", new Page.LocatorOptions().setHasText("Take over"))
          .click();
      assertThat(state(b, c[1])).hasText("Connected");
      assertThat(state(a, c[1]))
          .hasText("Taken over by " + bob + " — you are watching (read-only)");
      assertThat(
              vm.status()
                  .path("consoles")
                  .path(c[1].equals(SERIAL) ? "serial" : "vnc")
                  .path("user")
                  .asText())
          .isEqualTo(bob);
    }

    List<AuditRecord> takeOvers =
        audit.all().stream()
            .filter(
                r ->
                    r.action().equals("console.takeOver")
                        && r.target().equals("VirtualMachine " + ns + "/take-vm"))
            .toList();
    assertThat(takeOvers).extracting(AuditRecord::user).containsExactly(bob, bob);
    assertThat(takeOvers).extracting(r -> r.details().get("from")).containsExactly(alice, alice);
    assertThat(takeOvers)
        .extracting(r -> r.details().get("console"))
        .containsExactly("serial", "vnc");
    Browsers.close(b.context());
    Awaitility.await("close audited")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                audit.all().stream()
                    .anyMatch(r -> r.action().equals("console.close") && r.user().equals(bob)));
    assertThat(audit.all())
        .anyMatch(
            r ->
                r.action().equals("console.open")
                    && r.user().equals(alice)
                    && r.details().get("console").equals("vnc")
                    && r.time() != null);
    Browsers.close(a.context());
  }
}
