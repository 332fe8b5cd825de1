package io.vmconsole.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.vmconsole.console.ConsolePages.SERIAL;
import static io.vmconsole.console.ConsolePages.serialRows;
import static io.vmconsole.console.ConsolePages.state;
import static io.vmconsole.console.ConsolePages.typeSerial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BootedVm;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Issue 8: a serial console open in the browser keeps working when its VM live-migrates. */
class SerialAcrossMigrationE2E extends ConsoleIntegrationTest {
  private static BootedVm vm;

  @AfterAll
  static void deleteVm() {
    if (vm != null) {
      vm.delete();
    }
  }

  @Test
  void aSerialSessionOpenedBeforeTheMigrationWorksAfterItWithoutAReload() {
    String ns = newNamespace("serial-move");
    vm = BootedVm.boot(client, agents, ns, "mover");
    String operator = newUser("op", Role.OPERATOR, List.of(ns));

    Page op = ConsolePages.loggedIn(baseUrl(), operator, PASSWORD);
    ConsolePages.openTab(op, baseUrl(), ns, "mover", "Serial console");
    assertThat(state(op, SERIAL)).hasText("Connected");
    ConsolePages.loginOnSerial(op);
    typeSerial(op, "echo before-$((6*7))\n");
    assertThat(serialRows(op)).containsText("before-42");

    String source = vm.nodeName();
    vm.evict();
    assertThat(vm.nodeName()).isNotEqualTo(source);

    // Same page, no reload: the page reconnects, and the console takes it to the VM's new node —
    // whose
    // agent then names this user as the serial holder (the old connection ended with the source's
    // QEMU).
    await("serial held on the new node")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                vm.status().path("consoles").path("serial").path("user").asText().equals(operator));
    assertThat(state(op, SERIAL))
        .hasText("Connected", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
    // The guest's shell is still logged in (it did not restart), so what is typed now runs there.
    typeSerial(op, "echo after-$((7*7))\n");
    assertThat(serialRows(op)).containsText("after-49");
    Browsers.close(op.context());
  }
}
