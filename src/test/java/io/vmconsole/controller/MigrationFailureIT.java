package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Node;
import io.vmconsole.testsupport.BootedVm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A migration whose target agent dies: the VM goes on on the source, nothing runs twice. */
class MigrationFailureIT extends MigrationItSupport {

  boolean nodeReady(String name) {
    Node node = client.nodes().withName(name).get();
    return node.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  @Test
  void killingTheTargetAgentMidMigrationLeavesTheVmRunningOnTheSource() throws Exception {
    String ns = newNamespace("fail");
    BootedVm vm = BootedVm.boot(client, agents, ns, "victim");
    try {
      fillGuestMemory(vm);
      // Keeps dirtying memory while it migrates (a HUP-immune loop, so it outlives the login
      // session).
      assertThat(
              inGuest(
                  vm,
                  "(trap '' HUP; while :; do dd if=/dev/urandom of=/tmp/busy bs=1M count=4 2>/dev/null;"
                      + " done) >/dev/null 2>&1 & echo dirtying"))
          .contains("\ndirtying");
      String source = vm.nodeName();
      String target = other(source);
      long qemu = guests().vm(source, vm.vmId()).pid();
      double uptimeBefore = uptime(vm);

      evict(ns, "doomed", "victim", "4Mi");
      await()
          .atMost(MIGRATION)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                String p =
                    vmop(ns, "doomed")
                        .path("status")
                        .path("progress")
                        .asText("0%")
                        .replace("%", "");
                return Integer.parseInt(p) >= 20;
              });
      Path pidFile = Path.of("target/it/nodes", target, "agent.pid");
      long agentPid = Long.parseLong(Files.readString(pidFile).trim());
      ProcessHandle.of(agentPid).orElseThrow().destroyForcibly();

      JsonNode failed = awaitOp(ns, "doomed", "Failed", MIGRATION);
      System.out.println("[figures] target agent killed: " + failed.path("status"));
      assertThat(opReason(failed)).isEqualTo("Failed");
      assertThat(failed.path("status").path("conditions").path(0).path("message").asText())
          .startsWith("the migration failed");
      JsonNode stayed =
          awaitVm(
              ns,
              "victim",
              Duration.ofSeconds(30),
              v -> v.path("status").path("phase").asText().equals("Running"));
      assertThat(node(stayed)).isEqualTo(source);
      assertThat(stayed.path("status").path("migrationState").path("result").asText())
          .isEqualTo("Failed");
      assertThat(guests().vm(source, vm.vmId()).pid()).isEqualTo(qemu);

      // The target agent comes back and keeps no QEMU for the VM: one QEMU ran it all along.
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  nodeReady(target)
                      && Long.parseLong(Files.readString(pidFile).trim()) != agentPid);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> guests().agent(target).vm(vm.vmId()).isEmpty());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> qemuPids(vm.vmId()).equals(java.util.List.of(qemu)));
      assertThat(uptime(vm)).isGreaterThan(uptimeBefore);
      assertThat(phase(ns, "victim")).isEqualTo("Running");
    } finally {
      vm.delete();
    }
  }
}
