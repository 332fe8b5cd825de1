package io.vmconsole.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Playwright and one Debian Chromium per test JVM (each test opens its own context), closed
 * when the JVM ends. Playwright never downloads a browser here.
 */
public final class Browsers {
  /** Far above a normal close (well under a second), so only a close that hangs reaches it. */
  private static final long CLOSE_LIMIT_SECONDS = 120;

  private static Playwright playwright;
  private static Browser browser;
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "browser-close-watchdog");
            t.setDaemon(true);
            return t;
          });

  private Browsers() {}

  /** The JVM's Chromium; launched again if a hung close made {@link #close} kill the last one. */
  public static synchronized Browser chromium() {
    if (playwright == null) {
      playwright =
          Playwright.create(
              new Playwright.CreateOptions()
                  .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    browser.close();
                    playwright.close();
                  }));
    }
    if (browser == null || !browser.isConnected()) {
      browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(Path.of("/usr/bin/chromium"))
                      .setHeadless(true)
                      .setArgs(
                          List.of(
                              "--headless",
                              "--no-sandbox",
                              "--disable-gpu",
                              "--disable-quic",
                              "--no-first-run",
                              "--disable-background-networking",
                              "--disable-component-update",
                              "--disable-sync")));
    }
    return browser;
  }

  /**
   * Closes a context without the hang Chromium has when a page's close races a navigation commit:
   * it acknowledges the close and never closes the page, and Playwright waits without a limit
   * (microsoft/playwright#42068). A Vaadin page reloads itself when its session changes under it,
   * so a test can close one mid-reload. Each page is first settled on about:blank, where nothing
   * navigates; if the close still does not return, Chromium is killed so that this test fails and
   * the run goes on.
   */
  public static void close(BrowserContext context) {
    for (Page page : context.pages()) {
      try {
        page.navigate("about:blank", new Page.NavigateOptions().setTimeout(15_000));
      } catch (PlaywrightException e) {
        // Already closed, or interrupted by a navigation of its own: the close below handles both.
      }
    }
    ScheduledFuture<?> watchdog =
        WATCHDOG.schedule(Browsers::killChromium, CLOSE_LIMIT_SECONDS, TimeUnit.SECONDS);
    try {
      context.close();
    } finally {
      watchdog.cancel(false);
    }
  }

  private static void killChromium() {
    System.err.println(
        "[Browsers] a browser context did not close in "
            + CLOSE_LIMIT_SECONDS
            + " s; killing Chromium so that the test fails instead of hanging the run");
    ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().command().map(c -> c.contains("chromium")).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
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
