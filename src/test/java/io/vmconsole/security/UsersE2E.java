package io.vmconsole.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import org.junit.jupiter.api.Test;

/** Admins manage users in the UI; what they set is what the new user gets. */
class UsersE2E extends ConsoleIntegrationTest {

  @Test
  void adminCreatesAViewerWhoLogsInWithTheRoleShown() {
    String name = "made-" + Long.toString(System.nanoTime(), 36);
    BrowserContext admin = Browsers.chromium().newContext();
    try {
      Page page = admin.newPage();
      Browsers.logIn(page, baseUrl(), "admin", ADMIN_PASSWORD);
      page.navigate(baseUrl() + "/users");
      page.locator("#new-user").click();
      page.locator("#user-name input").fill(name);
      page.locator("#user-password input").fill("short");
      page.locator("#user-namespaces input").fill("team-a");
      page.locator("#save-user").click();
      assertThat(page.getByText("password: must be at least 8 characters")).isVisible();
      page.locator("#user-password input").fill("long-enough-pw");
      page.locator("#save-user").click();
      assertThat(page.locator("#users-grid")).containsText(name);
      assertThat(page.locator("#users-grid")).containsText("team-a");
    } finally {
      Browsers.close(admin);
    }
    BrowserContext user = Browsers.chromium().newContext();
    try {
      Page page = user.newPage();
      Browsers.logIn(page, baseUrl(), name, "long-enough-pw");
      assertThat(page.locator("#user-menu")).containsText(name + " · viewer in team-a");
    } finally {
      Browsers.close(user);
    }
  }
}
