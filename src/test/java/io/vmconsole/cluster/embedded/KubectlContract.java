package io.vmconsole.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.pki.CertificateAuthority;
import io.vmconsole.testsupport.Kubectl;
import io.vmconsole.testsupport.ProcessLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * kubectl against the embedded server, with the seed's first VM, TLS verified through the
 * kubeconfig's CA. Every case runs with two kubectls: {@link EmbeddedKubectlIT} the one on PATH,
 * {@link DebianKubectlIT} Debian 12's own (1.20), which validates with the OpenAPI v2 document and
 * knows no {@code --subresource}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KubectlContract {

  private EmbeddedApiServer server;
  private Path dir;
  private Kubectl kubectl;
  private Path linuxVm;

  abstract Kubectl.Flavour flavour();

  @BeforeAll
  void start() throws Exception {
    dir = TestServers.newDataDir("kubectl-" + flavour().name().toLowerCase());
    server = TestServers.start(dir);
    kubectl = new Kubectl(server.writeKubeconfig(dir.resolve("kubeconfig")), flavour());
    linuxVm = Path.of("src/main/resources/seed/01-vm-linux-vm.yaml").toAbsolutePath();
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  @Test
  @Order(0)
  void verifiesTheServerThroughTheKubeconfigsCa() throws Exception {
    String kubeconfig = Files.readString(dir.resolve("kubeconfig"));
    assertThat(kubeconfig)
        .contains("certificate-authority-data:")
        .doesNotContain("insecure-skip-tls-verify");
    assertThat(kubectl.run("get", "namespaces").exit()).isZero();

    // The same kubeconfig trusting another CA: kubectl refuses the server's certificate.
    CertificateAuthority other =
        CertificateAuthority.loadOrCreate(dir.resolve("other-ca"), "other", Clock.systemUTC());
    String foreignCa =
        Base64.getEncoder()
            .encodeToString(other.certificatePem().getBytes(StandardCharsets.US_ASCII));
    Path foreign = dir.resolve("foreign-kubeconfig");
    Files.writeString(
        foreign,
        kubeconfig.replaceAll(
            "certificate-authority-data: \\S+", "certificate-authority-data: " + foreignCa));
    var refused = new Kubectl(foreign, flavour()).run("get", "namespaces");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("x509");
  }

  @Test
  @Order(1)
  void appliesTheSeedVmAndPrintsItsColumns() throws Exception {
    var apply = kubectl.run("apply", "-f", linuxVm.toString());
    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("virtualmachine.virtualization.deckhouse.io/linux-vm created");

    var get = kubectl.run("get", "vm");
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(get.out().lines().findFirst().orElseThrow().split("\\s+"))
        .containsExactly("NAME", "PHASE", "NODE", "IPADDRESS", "AGE");
    assertThat(get.out()).contains("linux-vm");

    var wide = kubectl.run("get", "vm", "-o", "wide");
    assertThat(wide.out().lines().findFirst().orElseThrow())
        .matches(
            "NAME\\s+PHASE\\s+CORES\\s+COREFRACTION\\s+MEMORY\\s+NEED RESTART\\s+AGENT\\s+MIGRATABLE"
                + "\\s+NODE\\s+IPADDRESS\\s+AGE\\s*");
    assertThat(wide.out().lines().skip(1).findFirst().orElseThrow().split("\\s+"))
        .startsWith("linux-vm", "1", "10%", "1Gi");
  }

  @Test
  @Order(2)
  void listsOurKindsWithShortNames() throws Exception {
    var r = kubectl.run("api-resources");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .containsPattern(
            "virtualmachines\\s+vm\\s+virtualization.deckhouse.io/v1alpha2\\s+true\\s+VirtualMachine");
    assertThat(r.out()).containsPattern("nodes\\s+no\\s+v1\\s+false\\s+Node");
    assertThat(kubectl.run("get", "namespaces").out()).containsPattern("default\\s+Active");
  }

  @Test
  @Order(3)
  void labelsAndRemovesALabel() throws Exception {
    var add = kubectl.run("label", "vm", "linux-vm", "key=value");
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(kubectl.run("get", "vm", "-l", "key in (value,other)", "-o", "name").out())
        .contains("linux-vm");
    var remove = kubectl.run("label", "vm", "linux-vm", "key-");
    assertThat(remove.exit()).as(remove.err()).isZero();
    assertThat(kubectl.run("get", "vm", "linux-vm", "-o", "jsonpath={.metadata.labels}").out())
        .doesNotContain("key");
  }

  @Test
  @Order(4)
  void refusesAStaleReplaceAndADuplicateCreate() throws Exception {
    String current = kubectl.run("get", "vm", "linux-vm", "-o", "yaml").out();
    var annotate = kubectl.run("annotate", "vm", "linux-vm", "touched=yes");
    assertThat(annotate.exit()).as(annotate.err()).isZero();
    var replace = kubectl.runWithInput(current, "replace", "-f", "-");
    assertThat(replace.exit()).isNotZero();
    assertThat(replace.err()).contains("the object has been modified");

    var create = kubectl.run("create", "-f", linuxVm.toString());
    assertThat(create.exit()).isNotZero();
    assertThat(create.err()).contains("AlreadyExists").contains("already exists");
  }

  @Test
  @Order(5)
  void cordonsANode() throws Exception {
    String node = "apiVersion: v1\nkind: Node\nmetadata:\n  name: node-1\n";
    assertThat(kubectl.runWithInput(node, "apply", "-f", "-").exit()).isZero();
    var cordon = kubectl.run("cordon", "node-1");
    assertThat(cordon.exit()).as(cordon.err()).isZero();
    assertThat(kubectl.run("get", "node", "node-1", "-o", "jsonpath={.spec.unschedulable}").out())
        .isEqualTo("true");
    assertThat(kubectl.run("get", "nodes").out())
        .contains("SchedulingDisabled")
        .contains("STATUS")
        .contains("ROLES")
        .contains("VERSION");
  }

  /**
   * kubectl's typed create commands send protobuf; the objects come out as kubectl get shows them.
   */
  @Test
  void createsANamespaceASecretAConfigMapAndAServiceAccountTheTypedWay() throws Exception {
    var ns = kubectl.run("create", "namespace", "typed");
    assertThat(ns.exit()).as(ns.err()).isZero();
    assertThat(ns.out()).contains("namespace/typed created");
    assertThat(kubectl.run("get", "namespace", "typed", "-o", "jsonpath={.metadata.name}").out())
        .isEqualTo("typed");

    var secret =
        kubectl.run(
            "create",
            "secret",
            "generic",
            "cloud-init",
            "-n",
            "typed",
            "--from-literal=userData=#cloud-config",
            "--type=provisioning.virtualization.deckhouse.io/cloud-init");
    assertThat(secret.exit()).as(secret.err()).isZero();
    assertThat(
            kubectl
                .run(
                    "get",
                    "secret",
                    "cloud-init",
                    "-n",
                    "typed",
                    "-o",
                    "jsonpath={.type} {.data.userData}")
                .out())
        .isEqualTo(
            "provisioning.virtualization.deckhouse.io/cloud-init "
                + java.util.Base64.getEncoder()
                    .encodeToString("#cloud-config".getBytes(StandardCharsets.UTF_8)));

    var cm =
        kubectl.run("create", "configmap", "settings", "-n", "typed", "--from-literal=mode=fast");
    assertThat(cm.exit()).as(cm.err()).isZero();
    assertThat(
            kubectl
                .run("get", "cm", "settings", "-n", "typed", "-o", "jsonpath={.data.mode}")
                .out())
        .isEqualTo("fast");

    var sa = kubectl.run("create", "serviceaccount", "robot", "-n", "typed");
    assertThat(sa.exit()).as(sa.err()).isZero();
    assertThat(
            kubectl
                .run("get", "sa", "robot", "-n", "typed", "-o", "jsonpath={.metadata.namespace}")
                .out())
        .isEqualTo("typed");
  }

  @Test
  @Order(6)
  void showsTheAdmissionRuleThatRefusedAWrite() throws Exception {
    String big = "x".repeat(3000);
    String vm =
        "apiVersion: virtualization.deckhouse.io/v1alpha2\nkind: VirtualMachine\n"
            + "metadata:\n  name: too-big\nspec:\n  provisioning:\n    type: UserData\n    userData: "
            + big
            + "\n";
    var r = kubectl.runWithInput(vm, "apply", "-f", "-");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err())
        .contains("spec.provisioning.userData")
        .contains("must be at most 2048 bytes");
    assertThat(kubectl.run("get", "vm", "too-big").exit()).isNotZero();
  }

  @Test
  @Order(7)
  void streamsAChangeToGetWatch() throws Exception {
    Process watch = kubectl.builder("get", "vm", "-w").redirectErrorStream(true).start();
    List<String> lines = ProcessLines.collect(watch, "kubectl-watch");
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> lines.stream().anyMatch(l -> l.startsWith("linux-vm")));
      String status =
          "{\"status\":{\"phase\":\"Running\",\"nodeName\":\"node-1\",\"ipAddress\":\"10.66.10.12\"}}";
      patchStatus(status);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  lines.stream()
                      .anyMatch(
                          l ->
                              l.matches(
                                  "linux-vm\\s+Running\\s+node-1\\s+10\\.66\\.10\\.12\\s+.*")));
    } finally {
      watch.destroyForcibly().waitFor();
    }
  }

  @Test
  @Order(8)
  void deletesTheVm() throws Exception {
    var delete = kubectl.run("delete", "vm", "linux-vm");
    assertThat(delete.exit()).as(delete.err()).isZero();
    assertThat(delete.out())
        .contains("virtualmachine.virtualization.deckhouse.io \"linux-vm\" deleted");
    var get = kubectl.run("get", "vm", "linux-vm");
    assertThat(get.exit()).isNotZero();
    assertThat(get.err()).contains("NotFound");
  }

  /**
   * As the controller would: kubectl 1.24+ with --subresource=status, older ones have no such flag.
   */
  private void patchStatus(String status) throws Exception {
    if (kubectl.minorVersion() >= 24) {
      var patch =
          kubectl.run(
              "patch", "vm", "linux-vm", "--subresource=status", "--type=merge", "-p", status);
      assertThat(patch.exit()).as(patch.err()).isZero();
      return;
    }
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig"))))
            .build()) {
      client
          .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
          .inNamespace("default")
          .withName("linux-vm")
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), status);
    }
  }
}
