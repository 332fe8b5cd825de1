package io.vmconsole.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmconsole.testsupport.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server as a process of its own, with the CRDs on its classpath: a CRD applied through kubectl
 * is served at once, and a VM survives a SIGTERM and a restart with the same uid; the restarted
 * server keeps its certificate and port, so a kubeconfig written before it still works with TLS
 * verified.
 */
class EmbeddedApiServerMainIT {

  @Test
  void runsAsAProcessAndKeepsStateAcrossRestarts() throws Exception {
    Path dir = TestServers.newDataDir("main");
    Path kubeconfig = dir.resolve("kubeconfig");
    Kubectl kubectl = new Kubectl(kubeconfig);
    Path handedOut = dir.resolve("kubeconfig-handed-out");
    String uid;
    String certificate;
    Process server = TestServers.startProcess(dir);
    try {
      assertThat(Files.getPosixFilePermissions(dir.resolve("token")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      var crd =
          kubectl.run(
              "apply",
              "-f",
              Path.of("src/test/resources/embedded/widget-crd.yaml").toAbsolutePath().toString());
      assertThat(crd.exit()).as(crd.err()).isZero();
      String widget =
          "apiVersion: test.vmconsole.io/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  color: blue\n";
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> kubectl.runWithInput(widget, "apply", "-f", "-").exit() == 0);
      assertThat(kubectl.run("get", "wd").out()).containsPattern("w1\\s+blue");
      var vm =
          kubectl.run(
              "apply",
              "-f",
              Path.of("src/main/resources/seed/01-vm-linux-vm.yaml").toAbsolutePath().toString());
      assertThat(vm.exit()).as(vm.err()).isZero();
      uid = kubectl.run("get", "vm", "linux-vm", "-o", "jsonpath={.metadata.uid}").out();
      assertThat(uid).isNotEmpty();
      Files.copy(kubeconfig, handedOut);
      certificate = Files.readString(dir.resolve("pki/api.crt"));
      for (String file : List.of("ca.key", "api.key", "ca.crt", "api.crt")) {
        assertThat(Files.getPosixFilePermissions(dir.resolve("pki").resolve(file)))
            .as(file)
            .containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      }
    } finally {
      server.destroy();
      server.waitFor();
    }
    server = TestServers.startProcess(dir);
    try {
      // The same certificate and port: a kubeconfig handed out before the restart still works,
      // verified.
      assertThat(Files.readString(dir.resolve("pki/api.crt"))).isEqualTo(certificate);
      var before =
          new Kubectl(handedOut).run("get", "vm", "linux-vm", "-o", "jsonpath={.metadata.uid}");
      assertThat(before.exit()).as(before.err()).isZero();
      assertThat(before.out()).isEqualTo(uid);
      assertThat(kubectl.run("get", "vm", "linux-vm", "-o", "jsonpath={.metadata.uid}").out())
          .isEqualTo(uid);
      assertThat(kubectl.run("get", "crd").out())
          .contains("virtualmachines.virtualization.deckhouse.io")
          .contains("widgets.test.vmconsole.io");
      assertThat(kubectl.run("get", "wd", "w1", "-o", "jsonpath={.spec.color}").out())
          .isEqualTo("blue");
    } finally {
      server.destroyForcibly().waitFor();
    }
  }
}
