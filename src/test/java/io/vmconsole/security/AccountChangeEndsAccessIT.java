package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmconsole.operations.OperationService;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import io.vmconsole.testsupport.FirmwareVm;
import io.vmconsole.testsupport.HttpUser;
import io.vmconsole.testsupport.HttpUser.RecordingSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Issue 16, item 1: a change to a user (deleted, demoted, password reset) ends their access at once
 * — their HTTP sessions, their open consoles, and what the services let them do — whatever their
 * old session holds. One {@link FirmwareVm} serves every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountChangeEndsAccessIT extends ConsoleIntegrationTest {
  @Autowired UserService userService;
  @Autowired OperationService operations;
  private String ns;
  private FirmwareVm vm;

  @BeforeAll
  void runningVm() {
    ns = newNamespace("revoke");
    vm = FirmwareVm.running(client, ns, "kept-vm");
  }

  @AfterAll
  void deleteVm() {
    vm.delete();
  }

  @AfterEach
  void clearAuthentication() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void aDeletedViewersOpenSerialConsoleClosesAndTheirSessionEnds() {
    String viewer = newUser("gone", Role.VIEWER, List.of(ns));
    HttpUser session = HttpUser.signIn(baseUrl(), viewer, PASSWORD);
    assertThat(session.get(serialLog()).statusCode()).isEqualTo(200);
    RecordingSocket serial = session.openConsole(console("serial", "watch"));
    await().atMost(Duration.ofSeconds(20)).until(() -> serial.received("\"connected\""));

    asAdmin(() -> userService.delete(viewer));

    closedAsSignedOut(serial);
    assertThat(session.consoleRefusal(console("serial", "watch"))).isIn(302, 401, 403);
    assertThat(session.isSentToLogin(serialLog()))
        .as("the serial log with the old cookie")
        .isTrue();
    assertThat(session.isSentToLogin("/vms")).isTrue();
  }

  @Test
  void aDemotedOperatorLosesInteractiveConsolesAndTheServiceRefusesTheirStop() {
    String operator = newUser("demoted", Role.OPERATOR, List.of(ns));
    UserAccount signedInAs = users.find(operator).orElseThrow();
    HttpUser session = HttpUser.signIn(baseUrl(), operator, PASSWORD);
    RecordingSocket vnc = session.openConsole(console("vnc", "interactive") + "&takeOver=true");
    RecordingSocket serial =
        session.openConsole(console("serial", "interactive") + "&takeOver=true");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> vnc.received("\"interactive\"") && serial.received("\"connected\""));

    asAdmin(() -> userService.update(operator, Role.VIEWER, List.of(ns)));

    closedAsSignedOut(vnc);
    closedAsSignedOut(serial);
    assertThat(session.isSentToLogin("/vms")).isTrue();
    // The old session's principal, as a Vaadin page still open over push would carry it.
    signInAs(signedInAs);
    assertThatThrownBy(() -> operations.run(ns, vm.name(), "Stop", false))
        .isInstanceOf(AccessDeniedException.class);
    // Signed in again, now as what they are: a viewer.
    HttpUser again = HttpUser.signIn(baseUrl(), operator, PASSWORD);
    assertThat(again.consoleRefusal(console("vnc", "interactive"))).isEqualTo(403);
    signInAs(users.find(operator).orElseThrow());
    assertThatThrownBy(() -> operations.run(ns, vm.name(), "Stop", false))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(vm.phase()).isEqualTo("Running");
  }

  @Test
  void aPasswordResetEndsTheUsersSessionsAndTheyMustChooseANewOne() {
    String user = newUser("reset", Role.OPERATOR, List.of(ns));
    HttpUser first = HttpUser.signIn(baseUrl(), user, PASSWORD);
    HttpUser second = HttpUser.signIn(baseUrl(), user, PASSWORD);
    RecordingSocket serial = second.openConsole(console("serial", "watch"));
    await().atMost(Duration.ofSeconds(20)).until(() -> serial.received("\"connected\""));

    asAdmin(() -> userService.resetPassword(user, "temporary-pw-1"));

    closedAsSignedOut(serial);
    assertThat(first.isSentToLogin("/vms")).isTrue();
    assertThat(second.isSentToLogin("/vms")).isTrue();
    HttpUser fresh = HttpUser.signIn(baseUrl(), user, "temporary-pw-1");
    assertThat(fresh.get(serialLog()).statusCode())
        .as("nothing before a new password is chosen")
        .isEqualTo(403);
    assertThat(fresh.consoleRefusal(console("serial", "watch"))).isEqualTo(403);
  }

  /**
   * The console closes within 10 s (at once, in fact: this console made the change), told the
   * browser why, and sent nothing after: no byte of the guest reached the ended session.
   */
  private static void closedAsSignedOut(RecordingSocket socket) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(socket.closeCode())
                    .as("close code; received %s", socket.events())
                    .isEqualTo(4401));
    List<String> events = socket.events();
    int signedOut =
        events.stream()
            .filter(e -> e.contains("\"signedOut\""))
            .findFirst()
            .map(events::indexOf)
            .orElseThrow(() -> new AssertionError("no signedOut message in " + events));
    assertThat(events.subList(signedOut + 1, events.size())).containsExactly("close:4401");
  }

  private String console(String kind, String mode) {
    return vm.console(kind, mode);
  }

  private String serialLog() {
    return "/console-api/serial-log/" + ns + "/" + vm.name();
  }

  private void asAdmin(Runnable change) {
    signInAs(users.find("admin").orElseThrow());
    try {
      change.run();
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private static void signInAs(UserAccount account) {
    ConsoleUser principal = new ConsoleUser(account, false);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
  }
}
