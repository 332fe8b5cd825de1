package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.vmconsole.testsupport.Kubectl;
import io.vmconsole.vm.VmTemplates;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed's first VirtualMachine, applied verbatim with its disk from the demo image, and the
 * seed's cores 1→2 walkthrough on the same (long-lived) VM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedVirtualMachineIT extends VmItSupport {
  /** The seed's first VM verbatim: the file the console's seed template is read from. */
  static final String SEED_VM = VmTemplates.SEED_VM_YAML;

  static String ns;

  @Test
  @Order(1)
  void theSeedVmRunsOnANodeAndItsUserLogsIn() throws Exception {
    ns = newNamespace("seed");
    apply(ns, demoDisk("linux-vm-root"));
    apply(ns, SEED_VM);
    JsonNode vm = awaitPhase(ns, "linux-vm", "Running", BOOT);
    assertThat(node(vm)).startsWith("node-");

    Kubectl.Result get = kubectl().run("get", "vm", "linux-vm", "-n", ns);
    assertThat(get.out().lines().findFirst().orElseThrow()).contains("PHASE", "NODE", "IPADDRESS");
    assertThat(get.out()).containsPattern("linux-vm\\s+Running\\s+node-\\d\\s+10\\.66\\.10\\.\\d+");

    guests().awaitSerial(node(vm), uid(vm), "The system is finally up, after", SLOW_BOOT);
    String out =
        guests().loginAndRun(node(vm), uid(vm), "cloud", "cloud", "id -un; ip -4 addr show eth0");
    assertThat(out).contains("cloud");
    // The address of the VM's Auto vmip, leased by IP management, is the one the guest has on eth0.
    String address = vm.path("status").path("ipAddress").asText();
    assertThat(vm.path("status").path("virtualMachineIPAddressName").asText())
        .startsWith("linux-vm-");
    assertThat(out).contains("inet " + address + "/24");
  }

  @Test
  @Order(2)
  void coresOneToTwoWaitsForARestartExactlyAsTheSeedPrintsIt() throws Exception {
    JsonNode vm = vm(ns, "linux-vm");
    long pid = guests().vm(node(vm), uid(vm)).pid();
    Kubectl.Result patch =
        kubectl()
            .run(
                "patch",
                "vm",
                "linux-vm",
                "-n",
                ns,
                "--type=merge",
                "-p",
                "{\"spec\":{\"cpu\":{\"cores\":2}}}");
    assertThat(patch.exit()).as(patch.err()).isZero();
    awaitVm(
        ns,
        "linux-vm",
        Duration.ofSeconds(30),
        v -> v.path("status").path("restartAwaitingChanges").size() == 1);
    Kubectl.Result changes =
        kubectl()
            .run(
                "get",
                "vm",
                "linux-vm",
                "-n",
                ns,
                "-o",
                "jsonpath={.status.restartAwaitingChanges}");
    assertThat(changes.out())
        .isEqualTo(
            "[{\"currentValue\":1,\"desiredValue\":2,\"operation\":\"replace\",\"path\":\"cpu.cores\"}]");
    Kubectl.Result wide = kubectl().run("get", "vm", "linux-vm", "-n", ns, "-o", "wide");
    assertThat(wide.out().lines().findFirst().orElseThrow()).contains("NEED RESTART");
    assertThat(wide.out()).containsPattern("linux-vm\\s+Running\\s+2\\s+10%\\s+1Gi\\s+True");
    assertThat(guests().vm(node(vm), uid(vm)).pid()).isEqualTo(pid);
    assertThat(guests().loginAndRun(node(vm), uid(vm), "cloud", "cloud", "nproc"))
        .containsPattern("(?m)^1\\r?$");

    operation(ns, "restart-linux-vm", "linux-vm", "Restart", false);
    awaitOp(ns, "restart-linux-vm", "Completed", BOOT);
    JsonNode after =
        awaitVm(
            ns,
            "linux-vm",
            Duration.ofSeconds(30),
            v -> v.path("status").path("restartAwaitingChanges").isEmpty());
    assertThat(guests().vm(node(after), uid(after)).pid()).isNotEqualTo(pid);
    guests().awaitSerial(node(after), uid(after), "The system is finally up", SLOW_BOOT);
    assertThat(guests().loginAndRun(node(after), uid(after), "cloud", "cloud", "nproc"))
        .containsPattern("(?m)^2\\r?$");
  }

  /**
   * Issue 16 item 5: after the seed VM ran (inline cloud-init, so a seed ISO; a serial log; a disk
   * image) and a Secret was stored, nothing under the data directory is readable by anyone but its
   * owner.
   */
  @Test
  @Order(3)
  void everyFileUnderTheDataDirectoryIsItsOwnersAloneAfterTheVmRan() throws Exception {
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("owner-only")
                .endMetadata()
                .addToStringData("userData", "#cloud-config\n")
                .build())
        .create();
    // Acknowledged means on disk: the Secret is in the store's log already.
    assertThat(storedObjects()).anyMatch(f -> f.contains("\"owner-only\""));
    List<String> readableByOthers = new ArrayList<>();
    Files.walkFileTree(
        dataDir(),
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            check(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (!attrs.isSymbolicLink()) {
              check(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // gone meanwhile (a temporary file)
          }

          private void check(Path p) throws IOException {
            try {
              String perms =
                  PosixFilePermissions.toString(
                      Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
              if (!perms.endsWith("------")) {
                readableByOthers.add(perms + " " + dataDir().relativize(p));
              }
            } catch (NoSuchFileException e) {
              // gone meanwhile
            }
          }
        });
    assertThat(readableByOthers).as("group or others may use these").isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir())))
        .isEqualTo("rwx------");
  }

  /** The text of the embedded API store's files (log segments and snapshots). */
  private static List<String> storedObjects() throws IOException {
    try (var files = Files.list(dataDir().resolve("api/store"))) {
      List<String> texts = new ArrayList<>();
      for (Path f : files.toList()) {
        texts.add(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8));
      }
      return texts;
    }
  }
}
