package io.vmconsole.testsupport;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A browser test: its own Chromium context and page per test, against the JVM's shared console. */
public abstract class BrowserTest extends ConsoleIntegrationTest {
  protected BrowserContext context;
  protected Page page;

  @BeforeEach
  void openBrowser() {
    context = Browsers.chromium().newContext();
    page = context.newPage();
  }

  @AfterEach
  void closeBrowser() {
    Browsers.close(context);
  }
}
