package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Agent loss (issue 4 §9) and deletion: a killed agent makes its node NotReady and its VMs say so;
 * nothing starts twice; the restarted agent re-adopts the same QEMU. Deleting a running VM ends its
 * QEMU before the object goes.
 */
class AgentLossIT extends VmItSupport {

  /** Alive and not a zombie: an exited QEMU nobody reaped yet holds nothing any more. */
  static boolean running(long pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  boolean nodeReady(String name) {
    Node node = client.nodes().withName(name).get();
    return node.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  @Test
  void aKilledAgentMakesItsNodeNotReadyAndTheReturningAgentKeepsTheSameQemu() throws Exception {
    String ns = newNamespace("loss");
    apply(ns, smallVm("steady", "AlwaysOn", ""));
    JsonNode vm = awaitPhase(ns, "steady", "Running", BOOT);
    String node = node(vm);
    long qemu = guests().vm(node, uid(vm)).pid();
    Path pidFile = Path.of("target/it/nodes", node, "agent.pid");
    long agentPid = Long.parseLong(Files.readString(pidFile).trim());

    ProcessHandle.of(agentPid).orElseThrow().destroyForcibly();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !nodeReady(node));
    JsonNode lost =
        awaitVm(
            ns,
            "steady",
            Duration.ofSeconds(20),
            v -> condition(v, "NodeAgentReady").startsWith("False NodeAgentUnreachable"));
    assertThat(lost.path("status").path("phase").asText()).isEqualTo("Running");
    assertThat(ProcessHandle.of(qemu).map(ProcessHandle::isAlive)).contains(true);

    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> nodeReady(node));
    awaitVm(
        ns,
        "steady",
        Duration.ofSeconds(30),
        v -> condition(v, "NodeAgentReady").startsWith("True"));
    assertThat(Long.parseLong(Files.readString(pidFile).trim())).isNotEqualTo(agentPid);
    assertThat(guests().vm(node, uid(vm)).pid()).isEqualTo(qemu);
    assertThat(guests().vm(node, uid(vm)).reason()).isEqualTo("re-adopted after agent restart");
    assertThat(phase(ns, "steady")).isEqualTo("Running");
  }

  @Test
  void deletingARunningVmEndsItsQemuBeforeTheObjectGoes() throws Exception {
    String ns = newNamespace("delete");
    apply(ns, smallVm("doomed", "AlwaysOn", ""));
    JsonNode vm = awaitPhase(ns, "doomed", "Running", BOOT);
    long qemu = guests().vm(node(vm), uid(vm)).pid();
    assertThat(vm.path("metadata").path("finalizers").toString())
        .contains("vmconsole.io/vm-controller");
    java.util.List<Boolean> aliveWhileObjectExisted =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    client
        .genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName("doomed")
        .delete();
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              boolean exists = !vm(ns, "doomed").isMissingNode();
              boolean alive = running(qemu);
              if (!exists) {
                aliveWhileObjectExisted.add(alive);
              }
              return !exists;
            });
    assertThat(aliveWhileObjectExisted).containsOnly(false);
  }
}
