package io.vmconsole.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.BrowserTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logging in, being locked out, and changing one's own password, through the real form. */
class LoginE2E extends BrowserTest {
  @Test
  void adminLogsInThroughTheFormAndSeesTheShellWithAdminNavigation() {
    Browsers.logIn(page, baseUrl(), "admin", ADMIN_PASSWORD);
    assertThat(page.locator("#vm-grid")).isVisible();
    assertThat(page.locator("#main-nav vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Users")))
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
    assertThat(page.getByText("Password changed")).isVisible();

    context.clearCookies();
    Browsers.submitLogin(page, baseUrl(), user, PASSWORD);
    assertThat(page.locator("vaadin-login-form")).containsText("Wrong username or password");
    Browsers.logIn(page, baseUrl(), user, "brand-new-secret");
    assertThat(page.locator("#vm-grid")).isVisible();
  }

  @Test
  void logOutEndsTheSession() {
    Browsers.logIn(page, baseUrl(), "admin", ADMIN_PASSWORD);
    page.locator("#user-menu vaadin-menu-bar-button").first().click();
    page.locator("vaadin-menu-bar-item", new Page.LocatorOptions().setHasText("Log out")).click();
    page.waitForURL("**/login**");
    page.navigate(baseUrl() + "/vms");
    page.waitForURL("**/login**");
    assertThat(page.locator("vaadin-login-form")).isVisible();
  }
}
