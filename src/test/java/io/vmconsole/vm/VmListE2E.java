package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.TestVms;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The VM list in a real browser, fed live from the API. */
class VmListE2E extends BrowserTest {
  @Test
  void anEmptyListSaysSoAndLeadsToCreateAndAnUnknownAddressIsNotFound() {
    String ns = newNamespace("empty");
    String user = newUser("op", Role.OPERATOR, List.of(ns));
    Browsers.logIn(page, baseUrl(), user, PASSWORD);
    assertThat(page.locator("#vm-empty")).containsText("No virtual machines in");
    page.locator("#vm-search input").fill("nothing-like-this");
    assertThat(page.locator("#vm-empty")).containsText("No virtual machine matches");
    page.locator("#vm-empty-create").click();
    page.waitForURL("**/vms/new");

    Response missing = page.navigate(baseUrl() + "/no-such-page");
    org.assertj.core.api.Assertions.assertThat(missing.status()).isEqualTo(404);
    assertThat(page.getByText("Nothing here")).isVisible();
    // Addresses of views, with their parameters, are pages.
    org.assertj.core.api.Assertions.assertThat(
            page.navigate(baseUrl() + "/vms/" + ns + "/some-vm").status())
        .isEqualTo(200);
  }

  @Test
  void vmCreatedChangedAndDeletedThroughTheApiShowsLiveWithoutReload() {
    String ns = newNamespace("live");
    String user = newUser("op", Role.OPERATOR, List.of(ns));
    Browsers.logIn(page, baseUrl(), user, PASSWORD);
    page.locator("#vm-search input").fill("live-vm");
    Locator row = cell("live-vm-1");
    assertThat(row).hasCount(0);

    TestVms.create(client, ns, "live-vm-1");
    assertThat(row).hasCount(1);
    // The controller's answers, pushed to the open page.
    assertThat(badge("Stopped")).isVisible();

    TestVms.setRunPolicy(client, ns, "live-vm-1", "AlwaysOn");
    assertThat(badge("Pending")).isVisible();

    TestVms.delete(client, ns, "live-vm-1");
    assertThat(row).hasCount(0);
  }

  @Test
  void viewerOfOneNamespaceSeesOnlyThatNamespaceAndNoAdminNavigation() {
    String mine = newNamespace("mine");
    String other = newNamespace("other");
    TestVms.create(client, mine, "seen-vm");
    TestVms.create(client, other, "hidden-vm");
    String viewer = newUser("viewer", Role.VIEWER, List.of(mine));
    Browsers.logIn(page, baseUrl(), viewer, PASSWORD);
    assertThat(cell("seen-vm")).hasCount(1);
    assertThat(cell("hidden-vm")).hasCount(0);
    assertThat(
            page.locator(
                "#main-nav vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Users")))
        .hasCount(0);
    page.navigate(baseUrl() + "/users");
    assertThat(page.locator("#users-grid")).hasCount(0);
    page.navigate(baseUrl() + "/vms/" + other + "/hidden-vm");
    assertThat(page.getByText("does not exist")).isVisible();
  }

  @Test
  void selectionSurvivesLiveUpdatesOfOtherRows() {
    String ns = newNamespace("sel");
    String user = newUser("op", Role.OPERATOR, List.of(ns));
    TestVms.create(client, ns, "sel-a");
    TestVms.create(client, ns, "sel-b");
    Browsers.logIn(page, baseUrl(), user, PASSWORD);
    Locator rowA =
        page.locator("vaadin-grid-cell-content vaadin-checkbox:not(#selectAllCheckbox):visible")
            .first();
    assertThat(cell("sel-b")).hasCount(1);
    rowA.click();
    assertThat(rowA).hasAttribute("checked", "");
    assertThat(badge("Stopped")).hasCount(2);
    TestVms.setRunPolicy(client, ns, "sel-b", "AlwaysOn");
    assertThat(badge("Pending")).isVisible();
    assertThat(rowA).hasAttribute("checked", "");
  }

  /**
   * Rows whose status keeps changing (here: a label rewritten every 15 ms per VM, as booting VMs
   * get agent, IP and guest info in quick succession) can still be selected one after the other;
   * each click sticks.
   */
  @Test
  void checkboxClicksStickWhileEveryRowKeepsChanging() throws Exception {
    String ns = newNamespace("churn");
    String user = newUser("op", Role.OPERATOR, List.of(ns));
    List<String> names = List.of("churn-a", "churn-b", "churn-c");
    names.forEach(n -> TestVms.create(client, ns, n));
    Browsers.logIn(page, baseUrl(), user, PASSWORD);
    Locator rowBoxes =
        page.locator("vaadin-grid-cell-content vaadin-checkbox:not(#selectAllCheckbox):visible");
    assertThat(rowBoxes).hasCount(3);
    ScheduledExecutorService churn = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger round = new AtomicInteger();
    try {
      churn.scheduleAtFixedRate(
          () -> {
            String name = names.get(round.get() % names.size());
            TestVms.setLabel(client, ns, name, "churn", Integer.toString(round.getAndIncrement()));
          },
          0,
          5,
          TimeUnit.MILLISECONDS);
      for (int i = 0; i < 3; i++) {
        rowBoxes.nth(i).click();
        assertThat(rowBoxes.nth(i)).hasAttribute("checked", "");
      }
      // The clicks may be quicker than the churn: the rows go on changing under the selection
      // before it is checked again (a count, not a time).
      int atSelection = round.get();
      org.awaitility.Awaitility.await().until(() -> round.get() > atSelection + 10);
      TestVms.setRunPolicy(client, ns, "churn-b", "AlwaysOn");
      assertThat(badge("Pending")).isVisible();
      for (int i = 0; i < 3; i++) {
        assertThat(rowBoxes.nth(i)).hasAttribute("checked", "");
      }
    } finally {
      churn.shutdownNow();
      churn.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void adminCreatesANamespaceAndTheSelectorNarrowsTheList() {
    Browsers.logIn(page, baseUrl(), "admin", ADMIN_PASSWORD);
    String ns = "made-" + Long.toString(System.nanoTime(), 36);
    page.locator("#create-namespace").click();
    // A name the API server would refuse is refused in the dialog, naming the field and the rule.
    page.locator("#new-namespace-name input").fill("Made_" + ns);
    page.locator("vaadin-button", new Page.LocatorOptions().setHasText("Create")).last().click();
    assertThat(page.locator("#new-namespace-name [slot=error-message]"))
        .containsText("metadata.name: must be a DNS-1123 label");
    assertThat(page.locator("#new-namespace-name input")).hasValue("Made_" + ns);
    page.locator("#new-namespace-name input").fill(ns);
    page.locator("vaadin-button", new Page.LocatorOptions().setHasText("Create")).last().click();
    assertThat(page.getByText("Namespace " + ns + " created")).isVisible();
    TestVms.create(client, ns, "in-" + ns);
    String other = newNamespace("elsewhere");
    TestVms.create(client, other, "out-" + ns);
    // The admin sees every namespace's VMs, other tests' too: the search keeps this test's two in
    // sight.
    page.locator("#vm-search input").fill(ns);
    assertThat(cell("in-" + ns)).hasCount(1);
    assertThat(cell("out-" + ns)).hasCount(1);
    page.locator("#namespace-selector input").fill(ns);
    page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(ns)).click();
    assertThat(cell("in-" + ns)).hasCount(1);
    assertThat(cell("out-" + ns)).hasCount(0);
  }

  /**
   * The cell showing exactly this name (a name can be a prefix of a random namespace, e.g. sel-b…).
   * Names are DNS labels, so they need no escaping in the (JavaScript) pattern.
   */
  /**
   * A change to a VM far down the list, out of sight and never fetched by the browser, makes the
   * list fetch nothing again: before, it reset the whole list (a click meanwhile could be lost).
   * Counted are the server's page writes to the grid (a re-fetch); a changed row alone comes as an
   * item update.
   */
  @Test
  void aChangeToAVmOutOfSightDoesNotMakeTheListFetchAgain() {
    String ns = newNamespace("far");
    String user = newUser("op", Role.OPERATOR, List.of(ns));
    for (int i = 0; i < 60; i++) {
      TestVms.create(client, ns, String.format("far-%02d", i));
    }
    try {
      listFetchesNothingForChangesOutOfSight(ns, user);
    } finally {
      // An admin's list shows every namespace: leave no crowd for the tests after this one.
      for (int i = 0; i < 60; i++) {
        TestVms.delete(client, ns, String.format("far-%02d", i));
      }
    }
  }

  private void listFetchesNothingForChangesOutOfSight(String ns, String user) {
    Browsers.logIn(page, baseUrl(), user, PASSWORD);
    assertThat(cell("far-00")).hasCount(1);
    page.waitForFunction("() => document.querySelector('#vm-grid').size === 60");
    page.evaluate(
        """
        () => {
          window.listFetches = 0;
          const connector = document.querySelector('#vm-grid').$connector;
          for (const name of ['set', 'clear']) {
            const original = connector[name];
            connector[name] = function (...args) {
              window.listFetches++;
              return original.apply(this, args);
            };
          }
        }""");
    for (int i = 0; i < 10; i++) {
      TestVms.setLabel(client, ns, "far-59", "round", Integer.toString(i));
    }
    // A change in sight, made after those: once it shows, they have been handled too.
    TestVms.setRunPolicy(client, ns, "far-01", "AlwaysOn");
    assertThat(badge("Pending")).isVisible();
    org.assertj.core.api.Assertions.assertThat(
            ((Number) page.evaluate("() => window.listFetches")).intValue())
        .as("list fetches")
        .isZero();

    // What is counted does happen on a re-fetch: a search narrows the list.
    page.locator("#vm-search input").fill("far-0");
    assertThat(cell("far-10")).hasCount(0);
    org.assertj.core.api.Assertions.assertThat(
            ((Number) page.evaluate("() => window.listFetches")).intValue())
        .as("list fetches")
        .isPositive();
  }

  private Locator cell(String name) {
    if (!name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("not a DNS label: " + name);
    }
    return page.locator(
        "vaadin-grid-cell-content:visible",
        new Page.LocatorOptions().setHasText(java.util.regex.Pattern.compile("^" + name + "$")));
  }

  private Locator badge(String phase) {
    return page.locator(".phase-badge[data-phase='" + phase + "']");
  }
}
