package io.vmconsole.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vmconsole.testsupport.Browsers;
import java.util.List;

/** Browser steps the console tests share (and tests of pages that show a console). */
public final class ConsolePages {
  static final String SERIAL = "vm-serial-console";
  static final String VNC = "vm-vnc-console";

  private ConsolePages() {}

  /** A fresh context (own cookies) logged in as {@code user}, with clipboard access for pastes. */
  static Page loggedIn(String baseUrl, String user, String password) {
    Browser browser = Browsers.chromium();
    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    context.grantPermissions(
        List.of("clipboard-read", "clipboard-write"),
        new BrowserContext.GrantPermissionsOptions().setOrigin(baseUrl));
    Page page = context.newPage();
    Browsers.logIn(page, baseUrl, user, password);
    return page;
  }

  /** Opens the VM's page on one of its console tabs. */
  static void openTab(Page page, String baseUrl, String namespace, String name, String tab) {
    page.navigate(baseUrl + "/vms/" + namespace + "/" + name);
    page.locator("vaadin-tab", new Page.LocatorOptions().setHasText(tab)).click();
  }

  static Locator state(Page page, String element) {
    return page.locator(element + " .console-state");
  }

  public static Locator serialRows(Page page) {
    return page.locator(SERIAL + " .xterm-rows");
  }

  /** Types on the serial terminal (it has the focus once clicked). */
  public static void typeSerial(Page page, String text) {
    page.locator(SERIAL + " .xterm-screen").click();
    page.keyboard().type(text, new com.microsoft.playwright.Keyboard.TypeOptions().setDelay(15));
  }

  static void loginOnSerial(Page page) {
    assertThat(serialRows(page)).containsText("login:");
    typeSerial(page, "cloud\n");
    assertThat(serialRows(page)).containsText("Password:");
    typeSerial(page, "cloud\n");
    assertThat(serialRows(page)).containsText("cloud@");
  }
}
