package io.vmconsole.cluster;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmconsole.testsupport.ApiServerProcess;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.ConsoleProcess;
import io.vmconsole.testsupport.TestVms;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode: a console that reaches a separately started API server only through its kubeconfig.
 * That server applies no admission (like a cluster with our CRDs but without our webhook), so it
 * can also hold a malformed VM, which the console must show as invalid without breaking the list.
 */
class ClusterModeE2E {
  private static final Path DIR = Path.of("target/cluster-mode");
  private static ApiServerProcess api;
  private static ConsoleProcess console;
  private static String baseUrl;

  @BeforeAll
  static void start() throws Exception {
    api = new ApiServerProcess(DIR);
    try (KubernetesClient client = api.client()) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build())
          .create();
      TestVms.create(client, "apps", "cluster-vm");
      TestVms.createFromYaml(
          client,
          "apps",
          """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualMachine
          metadata:
            name: broken-vm
          spec:
            cpu:
              cores: "many"
          """);
    }
    console =
        new ConsoleProcess(
            DIR.resolve("console.log"),
            "vmconsole.cluster.mode=kubeconfig",
            "vmconsole.cluster.kubeconfig=" + api.kubeconfig().toAbsolutePath(),
            "vmconsole.data-dir=" + DIR.resolve("console").toAbsolutePath(),
            "vmconsole.security.initial-admin-password=cluster-admin-pw");
    baseUrl = console.baseUrl();
  }

  @AfterAll
  static void stop() throws Exception {
    if (console != null) {
      console.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void consoleShowsTheVmsOfTheClusterAndMarksTheMalformedOneInvalid() {
    BrowserContext context = Browsers.chromium().newContext();
    try {
      Page page = context.newPage();
      Browsers.logIn(page, baseUrl, "admin", "cluster-admin-pw");
      assertThat(
              page.locator(
                  "vaadin-grid-cell-content:visible",
                  new Page.LocatorOptions().setHasText("cluster-vm")))
          .hasCount(1);
      assertThat(
              page.locator(
                  "vaadin-grid-cell-content:visible",
                  new Page.LocatorOptions().setHasText("broken-vm")))
          .hasCount(1);
      assertThat(page.locator(".phase-badge[data-phase='Invalid']")).hasCount(1);
      page.navigate(baseUrl + "/vms/apps/broken-vm");
      assertThat(page.locator("#vm-problems")).containsText("spec.cpu.cores");
      page.navigate(baseUrl + "/vms/apps/cluster-vm");
      assertThat(page.locator("#vm-summary")).containsText("256Mi");
    } finally {
      Browsers.close(context);
    }
  }
}
