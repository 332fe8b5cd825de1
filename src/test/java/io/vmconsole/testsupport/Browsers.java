package io.vmconsole.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One Playwright and one Debian Chromium per test JVM (each test opens its own context), closed when
 * the JVM ends. Playwright never downloads a browser here.
 */
public final class Browsers {
  private static Playwright playwright;
  private static Browser browser;

  private Browsers() {}

  public static synchronized Browser chromium() {
    if (browser == null) {
      playwright = Playwright.create(new Playwright.CreateOptions()
          .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(Path.of("/usr/bin/chromium"))
          .setHeadless(true)
          .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync")));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        browser.close();
        playwright.close();
      }));
    }
    return browser;
  }

  /** Logs in through the real form and waits until the shell is shown. */
  public static void logIn(Page page, String baseUrl, String username, String password) {
    submitLogin(page, baseUrl, username, password);
    page.locator("#main-nav").waitFor();
  }

  /** Fills and submits the login form, without waiting for the outcome. */
  public static void submitLogin(Page page, String baseUrl, String username, String password) {
    page.navigate(baseUrl + "/login");
    page.locator("input[name='username']").fill(username);
    page.locator("input[name='password']").fill(password);
    page.locator("vaadin-button[slot='submit']").click();
  }
}
