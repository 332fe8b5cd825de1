package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The runPolicy table with a real guest, for the row that tells a crash from the guest's own
 * power-off (AlwaysOnUnlessStoppedManually): the agent's report of a killed QEMU and of a guest
 * that powered off must lead to a restart and to Stopped. The guest powers itself off when the test
 * touches /tmp/off (a runcmd loop started at boot, as root). Every other cell and the policy
 * switches are decisions of the controller alone: RunPolicyTest, on simulated hypervisors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunPolicyIT extends VmItSupport {
  static final String GUEST =
      """
      provisioning:
        type: UserData
        userData: |
          #cloud-config
          users:
          - name: cloud
            passwd: '$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/'
            lock_passwd: False
          runcmd:
          - sh -c 'while [ ! -e /tmp/off ]; do sleep 1; done; poweroff' >/dev/null 2>&1 &
      """;
  String ns;

  @BeforeAll
  void namespace() {
    ns = newNamespace("policy");
  }

  long pid(String name) {
    JsonNode vm = vm(ns, name);
    return guests().vm(node(vm), uid(vm)).pid();
  }

  String lastStartTime(String name) {
    return vm(ns, name).path("status").path("stats").path("lastStartTime").asText("");
  }

  /** How often the VM's recorded phase history went through Starting. */
  long starts(String name) {
    JsonNode transitions = vm(ns, name).path("status").path("stats").path("phasesTransitions");
    return StreamSupport.stream(transitions.spliterator(), false)
        .filter(t -> "Starting".equals(t.path("phase").asText()))
        .count();
  }

  void killQemu(String name) {
    ProcessHandle.of(pid(name)).orElseThrow().destroyForcibly();
  }

  void guestPowersOff(String name) {
    JsonNode vm = vm(ns, name);
    guests().loginAndRun(node(vm), uid(vm), "cloud", "cloud", "touch /tmp/off");
  }

  void staysPhase(String name, String phase) {
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(10))
        .until(() -> phase(ns, name).equals(phase));
  }

  JsonNode op(String vm, String type, String expectedPhase) throws Exception {
    String name = vm + "-" + type.toLowerCase() + "-" + System.nanoTime() % 100000;
    operation(ns, name, vm, type, false);
    return awaitOp(ns, name, expectedPhase, BOOT);
  }

  @Test
  void alwaysOnUnlessStoppedManually() throws Exception {
    apply(ns, smallVm("aousm", "AlwaysOnUnlessStoppedManually", GUEST));
    awaitPhase(ns, "aousm", "Running", BOOT);
    long first = pid("aousm");
    long startsBefore = starts("aousm");
    // Issue 18, item 9: the restart is seen by whoever watches, through Starting.
    Process watch =
        kubectl()
            .builder("get", "vm", "aousm", "-n", ns, "-w", "--request-timeout", "0")
            .redirectErrorStream(true)
            .start();
    StringBuffer watched = new StringBuffer();
    Instant killed;
    Thread reader =
        new Thread(
            () -> {
              try (var lines = watch.inputReader()) {
                lines.lines().forEach(l -> watched.append(l).append('\n'));
              } catch (java.io.IOException e) {
                watched.append("read failed: ").append(e);
              }
            });
    reader.setDaemon(true);
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> watched.toString().contains("Running"));
      killed = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      killQemu("aousm");
      try {
        await()
            .atMost(BOOT)
            .until(
                () ->
                    java.util.regex.Pattern.compile("(?s)Running.*\\bStarting\\b.*Running")
                        .matcher(watched)
                        .find());
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("kubectl get -w showed:\n" + watched, e);
      }
    } finally {
      watch.destroy();
    }
    // The restart is in the recorded history, and lastStartTime is that of the restart. Times have
    // a second's precision (as Kubernetes writes them): a restart within the second of the first
    // start keeps the same lastStartTime, so the history's Starting count tells the restart.
    Instant restartedNoEarlierThan = killed;
    await()
        .atMost(BOOT)
        .until(
            () ->
                starts("aousm") > startsBefore
                    && !lastStartTime("aousm").isEmpty()
                    && !Instant.parse(lastStartTime("aousm")).isBefore(restartedNoEarlierThan));
    awaitVm(
        ns,
        "aousm",
        BOOT,
        vm ->
            "Running".equals(vm.path("status").path("phase").asText())
                && guests().vm(node(vm), uid(vm)).pid() != null
                && guests().vm(node(vm), uid(vm)).pid() != first);
    guestPowersOff("aousm");
    awaitPhase(ns, "aousm", "Stopped", BOOT);
    staysPhase("aousm", "Stopped");
    assertThat(opReason(op("aousm", "Start", "Completed"))).isEqualTo("Completed");
    assertThat(phase(ns, "aousm")).isEqualTo("Running");
    op("aousm", "Stop", "Completed");
    staysPhase("aousm", "Stopped");
    client
        .genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName("aousm")
        .delete();
  }
}
