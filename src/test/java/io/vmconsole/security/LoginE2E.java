package io.vmconsole.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.FirmwareVm;
import io.vmconsole.testsupport.HttpUser;
import io.vmconsole.testsupport.HttpUser.RecordingSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logging in, being locked out, and changing one's own password, through the real form. */
class LoginE2E extends BrowserTest {
  @Test
  void adminLogsInThroughTheFormAndSeesTheShellWithAdminNavigation() {
    Browsers.logIn(page, baseUrl(), "admin", ADMIN_PASSWORD);
    assertThat(page.locator("#vm-grid")).isVisible();
    assertThat(
            page.locator(
                "#main-nav vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Users")))
        .hasCount(1);
    assertThat(page.locator("#user-menu")).containsText("admin");
  }

  @Test
  void repeatedWrongPasswordsLeadToALockOutMessageEvenWithTheRightPassword() {
    String user = newUser("guess", Role.VIEWER, List.of());
    for (int i = 0; i < 5; i++) {
      Browsers.submitLogin(page, baseUrl(), user, "wrong-password-" + i);
      assertThat(page.locator("vaadin-login-form")).containsText("Wrong username or password");
    }
    Browsers.submitLogin(page, baseUrl(), user, PASSWORD);
    assertThat(page.locator("vaadin-login-form")).containsText("Account locked");
  }

  @Test
  void userChangesTheirOwnPasswordAndLogsInWithIt() {
    String user = newUser("pw", Role.OPERATOR, List.of());
    Browsers.logIn(page, baseUrl(), user, PASSWORD);
    page.navigate(baseUrl() + "/account");
    page.locator("#current-password input").fill(PASSWORD);
    page.locator("#new-password input").fill("brand-new-secret");
    page.locator("#repeat-password input").fill("brand-new-secret");
    page.locator("#change-password").click();
    // The change ended every session of the user, this one too.
    page.waitForURL("**/login?password-changed");
    assertThat(page.locator("#login-notice")).containsText("Your password was changed");

    Browsers.submitLogin(page, baseUrl(), user, PASSWORD);
    assertThat(page.locator("vaadin-login-form")).containsText("Wrong username or password");
    Browsers.logIn(page, baseUrl(), user, "brand-new-secret");
    assertThat(page.locator("#vm-grid")).isVisible();
  }

  @Test
  void aUserWithAPasswordSetForThemMustChooseTheirOwnBeforeAnythingElse() {
    String user = newUser("temp", Role.OPERATOR, List.of());
    users.save(users.find(user).orElseThrow().withPasswordChangeDemanded());
    Browsers.submitLogin(page, baseUrl(), user, PASSWORD);
    page.waitForURL("**/account");
    assertThat(page.locator("#password-change-required")).containsText("Choose your own");
    assertThat(page.locator("#main-nav")).hasCount(0);
    page.navigate(baseUrl() + "/vms");
    page.waitForURL("**/account");
    page.locator("#current-password input").fill(PASSWORD);
    page.locator("#new-password input").fill(PASSWORD);
    page.locator("#repeat-password input").fill(PASSWORD);
    page.locator("#change-password").click();
    assertThat(page.locator("#new-password"))
        .containsText("must differ from your current password");

    page.locator("#new-password input").fill("my-own-secret");
    page.locator("#repeat-password input").fill("my-own-secret");
    page.locator("#change-password").click();
    page.waitForURL("**/login?password-changed");
    Browsers.logIn(page, baseUrl(), user, "my-own-secret");
    assertThat(page.locator("#vm-grid")).isVisible();
  }

  /** Issue 16, item 1: an open console does not outlive the session it was opened in. */
  @Test
  void logOutEndsTheSessionAndClosesTheConsolesOpenedInIt() {
    String ns = newNamespace("logout");
    FirmwareVm vm = FirmwareVm.running(client, ns, "left-open");
    try {
      Browsers.logIn(page, baseUrl(), "admin", ADMIN_PASSWORD);
      // The same session's console, outside this page (another window, or a script with the
      // cookie).
      String cookie =
          context.cookies().stream()
              .filter(c -> c.name.equals("JSESSIONID"))
              .map(c -> c.name + "=" + c.value)
              .findFirst()
              .orElseThrow();
      RecordingSocket serial =
          HttpUser.withCookie(baseUrl(), cookie).openConsole(vm.console("serial", "watch"));
      await().atMost(Duration.ofSeconds(20)).until(() -> serial.received("\"connected\""));

      page.locator("#user-menu vaadin-menu-bar-button").first().click();
      page.locator("vaadin-menu-bar-item", new Page.LocatorOptions().setHasText("Log out")).click();
      page.waitForURL("**/login**");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  org.assertj.core.api.Assertions.assertThat(serial.closeCode())
                      .as("received %s", serial.events())
                      .isIn(1008, 4401));
      page.navigate(baseUrl() + "/vms");
      page.waitForURL("**/login**");
      assertThat(page.locator("vaadin-login-form")).isVisible();
    } finally {
      vm.delete();
    }
  }
}
