package io.vmconsole.attachments;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.security.ConsoleUser;
import io.vmconsole.security.Role;
import io.vmconsole.testsupport.BootedVm;
import io.vmconsole.testsupport.BrowserTest;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.FirmwareVm;
import io.vmconsole.testsupport.Guests;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Hot-plug from the VM page: an operator attaches a free disk to the running VM from its Disks tab
 * (a vmbda), the row shows it hot-plugged and Attached and the guest sees it; Detach removes the
 * row and the guest's disk. A new blank disk and an image attach the same way. A viewer of the
 * namespace gets no buttons, and the service refuses them.
 */
class VmDisksE2E extends BrowserTest {
  @Autowired DiskAttachmentService attachments;

  @Test
  void operatorAttachesAndDetachesADiskFromTheVmPageAViewerCannot() {
    String ns = newNamespace("disks-ui");
    String operator = newUser("op", Role.OPERATOR, List.of(ns));
    String viewer = newUser("viewer", Role.VIEWER, List.of(ns));
    BootedVm vm = BootedVm.boot(client, agents, ns, "plug");
    Guests guests = new Guests(agents);
    try {
      FirmwareVm.blankDisk(client, ns, "spare");
      // "Attach disk" offers Ready disks only.
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(
              () ->
                  "Ready"
                      .equals(
                          Serialization.jsonMapper()
                              .valueToTree(
                                  client
                                      .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
                                      .inNamespace(ns)
                                      .withName("spare")
                                      .get())
                              .path("status")
                              .path("phase")
                              .asText()));
      Browsers.logIn(page, baseUrl(), operator, PASSWORD);
      page.navigate(baseUrl() + "/vms/" + ns + "/plug");
      page.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Disks")).click();
      Locator cells = page.locator("#vm-disks-grid vaadin-grid-cell-content:visible");
      assertThat(
              cells.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^plug-root$"))))
          .hasCount(1);

      page.locator("#vm-disk-attach").click();
      page.locator("#attach-disk-choice input").fill("spare");
      page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText("spare")).click();
      page.locator("#attach-disk-confirm").click();

      assertThat(
              cells.filter(
                  new Locator.FilterOptions().setHasText(Pattern.compile("^Hot-plugged$"))))
          .hasCount(1);
      assertThat(
              cells.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^Attached$"))))
          .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
      assertThat(cells.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^sdb$"))))
          .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
      org.assertj.core.api.Assertions.assertThat(
              guests.diskSectors(vm.nodeName(), vm.vmId(), "sdb"))
          .isEqualTo("131072");
      // The whole Detach button is in sight in the browser's 1280 px, without scrolling the grid.
      var button = page.locator("#vm-disk-detach-spare").boundingBox();
      var grid = page.locator("#vm-disks-grid").boundingBox();
      org.assertj.core.api.Assertions.assertThat(button.x + button.width)
          .isLessThanOrEqualTo(grid.x + grid.width);

      page.locator("#vm-disk-detach-spare").click();
      assertThat(cells.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^spare$"))))
          .hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
      assertThat(
              cells.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^plug-root$"))))
          .hasCount(1);
      // The root disk (32 MiB) is left.
      org.assertj.core.api.Assertions.assertThat(
              guests.diskSectorsAfterRemovalOf(vm.nodeName(), vm.vmId(), 131072))
          .containsExactly("65536");

      // A new blank disk, made and hot-plugged in one step; a bad name is refused naming the field,
      // and
      // nothing is written and nothing typed is lost.
      page.locator("#vm-disk-attach").click();
      page.locator("#attach-source").click();
      page.locator(
              "vaadin-select-item[role=option]:visible",
              new Page.LocatorOptions().setHasText("New blank disk"))
          .click();
      page.locator("#attach-new-name input").fill("Fresh_Disk");
      page.locator("#attach-new-size input").fill("48Mi");
      page.locator("#attach-disk-confirm").click();
      assertThat(
              page.locator(
                  "vaadin-notification-card",
                  new Page.LocatorOptions().setHasText("metadata.name")))
          .isVisible();
      assertThat(page.locator("#attach-new-size input")).hasValue("48Mi");
      org.assertj.core.api.Assertions.assertThat(
              client
                  .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
                  .inNamespace(ns)
                  .list()
                  .getItems())
          .hasSize(2);
      page.locator("#attach-new-name input").fill("fresh");
      page.locator("#attach-disk-confirm").click();
      assertThat(cells.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^fresh$"))))
          .hasCount(1);
      assertThat(
              cells.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^Attached$"))))
          .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
      org.assertj.core.api.Assertions.assertThat(
              guests.diskNameWithSectors(vm.nodeName(), vm.vmId(), 98304))
          .matches("sd[a-z]");

      // An image the seed's way ("attaching images is done in a similar way"): read-only in the
      // guest.
      page.locator("#vm-disk-attach").click();
      page.locator("#attach-disk-choice input").fill("demo");
      page.locator(
              "vaadin-combo-box-item",
              new Page.LocatorOptions().setHasText("ClusterVirtualImage demo"))
          .click();
      page.locator("#attach-disk-confirm").click();
      assertThat(
              cells.filter(
                  new Locator.FilterOptions().setHasText(Pattern.compile("^ClusterVirtualImage$"))))
          .hasCount(1);
      assertThat(
              cells.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^Attached$"))))
          .hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
      org.assertj.core.api.Assertions.assertThat(guests.readOnlyDisks(vm.nodeName(), vm.vmId()))
          .first()
          .asString()
          .matches("sd[a-z]");
      context.clearCookies();

      Browsers.logIn(page, baseUrl(), viewer, PASSWORD);
      page.navigate(baseUrl() + "/vms/" + ns + "/plug");
      page.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Disks")).click();
      assertThat(
              cells.filter(new Locator.FilterOptions().setHasText(Pattern.compile("^plug-root$"))))
          .hasCount(1);
      assertThat(page.locator("#vm-disk-attach")).hasCount(0);
      ConsoleUser principal = new ConsoleUser(users.find(viewer).orElseThrow(), false);
      SecurityContextHolder.getContext()
          .setAuthentication(
              UsernamePasswordAuthenticationToken.authenticated(
                  principal, null, principal.getAuthorities()));
      try {
        assertThatThrownBy(
                () ->
                    attachments.attach(
                        ns, "plug", new DiskAttachmentService.Attachable("VirtualDisk", "spare")))
            .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> attachments.attachNewBlankDisk(ns, "plug", "sneaky", "1Gi"))
            .isInstanceOf(AccessDeniedException.class);
      } finally {
        SecurityContextHolder.clearContext();
      }
    } finally {
      vm.delete();
    }
  }
}
