package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.audit.AuditRecord;
import io.vmconsole.operations.OperationService;
import io.vmconsole.security.ConsoleUser;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BootedVm;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Issue 8 acceptance, in the browser: an operator migrates a running VM from its page (a bandwidth
 * limit makes it slow enough to watch); the progress bar advances, the VM list shows it Migrating
 * and then on its new node, the page ends with where it went, how long it took and the downtime,
 * the Operations page lists the migration; a second migration cancelled from the page leaves the VM
 * where it was; migrate and cancel are audited. A viewer of the namespace is offered no Migrate,
 * and the service refuses one.
 */
class VmMigrateE2E extends BrowserTest {
  static final Pattern OUTCOME =
      // Under TCG the guest is paused for the whole copy (node-agent API.md "Migration"): downtime
      // in seconds.
      Pattern.compile(
          "^Migrated to (node-\\d+) in [0-9.]+ (ms|s|min.*), downtime [0-9.]+ (ms|s|min.*)$");

  /**
   * Every value the percent label and the list's phase badges ever showed, recorded in the page as
   * the DOM changes: a quick migration passes through values faster than a test could poll them.
   */
  static final String RECORD =
      """
      () => {
        window.__seen = [];
        const note = () => {
          for (const e of document.querySelectorAll('#migration-percent, .phase-badge')) {
            const v = (e.id || 'badge') + ':' + e.textContent;
            if (e.textContent && window.__seen[window.__seen.length - 1] !== v && !window.__seen.includes(v)) {
              window.__seen.push(v);
            }
          }
        };
        new MutationObserver(note).observe(document.body, {subtree: true, childList: true, characterData: true});
        note();
      }""";

  @Autowired OperationService operations;
  @Autowired AuditLog audit;

  @SuppressWarnings("unchecked")
  private static List<String> seen(Page p) {
    return (List<String>) p.evaluate("() => window.__seen");
  }

  @Test
  void migrateIsOfferedOnlyForARunningVmAndSaysWhyNot() {
    String ns = newNamespace("mig-off");
    io.vmconsole.testsupport.TestVms.create(client, ns, "parked");
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    Browsers.logIn(page, baseUrl(), operator, PASSWORD);
    page.navigate(baseUrl() + "/vms/" + ns + "/parked");
    page.locator("#vm-actions").waitFor();
    assertThat(page.locator("#vm-action-migrate")).isDisabled();
    assertThat(page.locator("#vm-action-migrate-holder"))
        .hasAttribute(
            "title", Pattern.compile("^Only a running VM can migrate; this one is .+\\.$"));
    assertThat(page.locator("#vm-migration")).not().isVisible();
  }

  @Test
  void bulkMigrateMakesOneEvictPerSelectedVmAndReportsEach() {
    String ns = newNamespace("mig-bulk");
    List<String> names = List.of("idle-a", "idle-b");
    names.forEach(n -> io.vmconsole.testsupport.TestVms.create(client, ns, n));
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    Browsers.logIn(page, baseUrl(), operator, PASSWORD);
    page.locator("#vm-search input").fill("idle-");
    Locator rowBoxes =
        page.locator("vaadin-grid-cell-content vaadin-checkbox:not(#selectAllCheckbox):visible");
    assertThat(rowBoxes).hasCount(2);
    Editor editor = new Editor(page, baseUrl());
    for (int i = 0; i < 2; i++) {
      editor.settle();
      rowBoxes.nth(i).click();
      assertThat(rowBoxes.nth(i)).hasAttribute("checked", "");
    }
    editor.settle();
    page.locator("#bulk-migrate").click();
    assertThat(page.locator(".bulk-target")).hasCount(2);
    for (String n : names) {
      assertThat(
              page.locator(".bulk-target")
                  .filter(new Locator.FilterOptions().setHasText(ns + "/" + n)))
          .hasCount(1);
    }
    page.locator("#bulk-confirm-button").click();
    Locator results = page.locator("#bulk-results-grid vaadin-grid-cell-content:visible");
    for (String n : names) {
      assertThat(
              results.filter(
                  new Locator.FilterOptions().setHasText(Pattern.compile("^" + n + "-evict-"))))
          .hasCount(1);
    }
    // They are not running, so the controller refuses each migration and says why, per VM.
    Locator answered =
        results.filter(
            new Locator.FilterOptions()
                .setHasText(Pattern.compile("^Failed \\(NotApplicable the VM is not running")));
    try {
      assertThat(answered).hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
    } finally {
      System.out.println("[VmMigrateE2E] bulk results: " + results.allTextContents());
    }
    assertThat(
            audit.all().stream()
                .filter(r -> r.user().equals(operator) && r.action().equals("vmop.evict")))
        .hasSize(2);
  }

  @Test
  void operatorMigratesFromTheVmPageAndWatchesItMoveAViewerCannot() {
    String ns = newNamespace("mig");
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    String viewer = newUser("viewer", Role.VIEWER, List.of(ns));
    BootedVm vm = BootedVm.boot(client, agents, ns, "mover");
    io.vmconsole.testsupport.Guests guests = new io.vmconsole.testsupport.Guests(agents);
    try {
      String source = vm.nodeName();
      Browsers.logIn(page, baseUrl(), operator, PASSWORD);
      // A second tab on the list, to see the phase and the node column change there too.
      Page list = context.newPage();
      list.navigate(baseUrl() + "/vms");
      list.locator("#vm-search input").fill("mover");
      assertThat(list.locator("#vm-grid .phase-badge")).hasCount(1);
      list.evaluate(RECORD);

      page.navigate(baseUrl() + "/vms/" + ns + "/mover");
      assertThat(page.locator("#vm-node")).hasText(source);
      Locator migrate = page.locator("#vm-action-migrate");
      // Enabled once the controller has found the VM Migratable (its disk is in the shared pool).
      assertThat(migrate).isEnabled(new LocatorAssertions.IsEnabledOptions().setTimeout(60_000));
      // Real pages to send, and a limit, so the migration takes long enough to watch (and, below,
      // to cancel).
      guests.loginAndRun(
          source,
          vm.vmId(),
          "cloud",
          "cloud",
          "dd if=/dev/urandom of=/tmp/fill bs=1M count=48 2>/dev/null; echo filled");
      page.evaluate(RECORD);
      migrate.click();
      page.locator("#migrate-bandwidth input").fill("four megabytes");
      page.locator("#migrate-confirm").click();
      assertThat(page.locator("#migrate-bandwidth [slot='error-message']"))
          .hasText(
              Pattern.compile(
                  "^bandwidth: must be bytes per second.*\\(got \"four megabytes\"\\)$"));
      page.locator("#migrate-bandwidth input").fill("4Mi");
      page.locator("#migrate-confirm").click();

      Locator outcome = page.locator("#migration-outcome");
      assertThat(outcome)
          .hasText(OUTCOME, new LocatorAssertions.HasTextOptions().setTimeout(180_000));
      Matcher m = OUTCOME.matcher(outcome.textContent());
      assertThat(m.matches()).isTrue();
      String target = m.group(1);
      assertThat(target).isNotEqualTo(source);
      assertThat(page.locator("#vm-node")).hasText(target);

      List<Integer> percents =
          seen(page).stream()
              .filter(v -> v.startsWith("migration-percent:"))
              .map(
                  v ->
                      Integer.parseInt(v.substring("migration-percent:".length()).replace("%", "")))
              .toList();
      System.out.println(
          "[VmMigrateE2E] percents shown: " + percents + "; " + outcome.textContent());
      assertThat(percents)
          .as("an intermediate percentage was shown")
          .anyMatch(p -> p > 0 && p < 100);
      assertThat(percents).as("the bar never goes back").isSorted();

      assertThat(
              list.locator(
                  "#vm-grid vaadin-grid-cell-content:visible",
                  new Page.LocatorOptions().setHasText(Pattern.compile("^" + target + "$"))))
          .hasCount(1);
      assertThat(seen(list)).contains("badge:Migrating");
      assertThat(list.locator("#vm-grid .phase-badge")).hasText("Running");
      // Done with it: left open, it would reload itself when the viewer's login below replaces the
      // session.
      list.close();

      page.navigate(baseUrl() + "/operations");
      Locator cells = page.locator("#operations-grid vaadin-grid-cell-content:visible");
      assertThat(cells.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^Evict$"))))
          .hasCount(1);
      assertThat(cells.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^100%$"))))
          .hasCount(1);
      assertThat(cells.filter(new Locator.FilterOptions().setHasText(source + " → " + target)))
          .hasCount(1);

      // Back again, slower, and cancelled on the way: the VM stays where it runs.
      page.navigate(baseUrl() + "/vms/" + ns + "/mover");
      assertThat(migrate).isEnabled(new LocatorAssertions.IsEnabledOptions().setTimeout(60_000));
      migrate.click();
      page.locator("#migrate-bandwidth input").fill("1Mi");
      page.locator("#migrate-confirm").click();
      assertThat(page.locator("#migration-transferred"))
          .hasText(
              Pattern.compile("^[1-9].* of .+"),
              new LocatorAssertions.HasTextOptions().setTimeout(120_000));
      page.locator("#migration-cancel").click();
      // The reason is the controller's (the VM's Migrating condition): cancelled because the vmop
      // went.
      assertThat(page.locator("#migration-outcome"))
          .hasText(
              Pattern.compile("^Migration failed: .*cancelled: the operation was deleted"),
              new LocatorAssertions.HasTextOptions().setTimeout(90_000));
      assertThat(page.locator("#vm-node")).hasText(target);
      assertThat(page.locator("#vm-summary")).containsText("Running");

      List<AuditRecord> mine = audit.all().stream().filter(r -> r.user().equals(operator)).toList();
      assertThat(mine)
          .extracting(AuditRecord::action, AuditRecord::target)
          .contains(
              org.assertj.core.groups.Tuple.tuple("vmop.evict", "VirtualMachine " + ns + "/mover"),
              org.assertj.core.groups.Tuple.tuple(
                  "vmop.cancel", "VirtualMachine " + ns + "/mover"));
      assertThat(
              mine.stream()
                  .filter(r -> r.action().equals("vmop.evict"))
                  .map(r -> r.details().get("bandwidth")))
          .containsExactly("4Mi", "1Mi");
      context.clearCookies();

      Browsers.logIn(page, baseUrl(), viewer, PASSWORD);
      page.navigate(baseUrl() + "/vms/" + ns + "/mover");
      assertThat(page.locator("#vm-node")).hasText(target);
      assertThat(page.locator("#migration-outcome")).isVisible();
      assertThat(page.locator("#vm-action-migrate")).hasCount(0);
      assertThat(page.locator("#migration-cancel")).not().isVisible();
      ConsoleUser principal = new ConsoleUser(users.find(viewer).orElseThrow(), false);
      SecurityContextHolder.getContext()
          .setAuthentication(
              UsernamePasswordAuthenticationToken.authenticated(
                  principal, null, principal.getAuthorities()));
      try {
        assertThatThrownBy(() -> operations.migrate(ns, "mover", null, null))
            .isInstanceOf(AccessDeniedException.class);
      } finally {
        SecurityContextHolder.clearContext();
      }
    } finally {
      vm.delete();
    }
  }
}
