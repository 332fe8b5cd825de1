package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every cell of the runPolicy table (issue 4 §5) and the two policy switches. One VM per policy; a
 * guest powers itself off when the test touches /tmp/off (a runcmd loop started at boot, as root).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunPolicyIT extends VmItSupport {
  static final String GUEST = """
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

  void killQemu(String name) {
    ProcessHandle.of(pid(name)).orElseThrow().destroyForcibly();
  }

  void guestPowersOff(String name) {
    JsonNode vm = vm(ns, name);
    guests().loginAndRun(node(vm), uid(vm), "cloud", "cloud", "touch /tmp/off");
  }

  void staysPhase(String name, String phase) {
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
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
    killQemu("aousm");
    awaitVm(ns, "aousm", BOOT, vm -> "Running".equals(vm.path("status").path("phase").asText())
        && guests().vm(node(vm), uid(vm)).pid() != null && guests().vm(node(vm), uid(vm)).pid() != first);
    guestPowersOff("aousm");
    awaitPhase(ns, "aousm", "Stopped", BOOT);
    staysPhase("aousm", "Stopped");
    assertThat(opReason(op("aousm", "Start", "Completed"))).isEqualTo("Completed");
    assertThat(phase(ns, "aousm")).isEqualTo("Running");
    op("aousm", "Stop", "Completed");
    staysPhase("aousm", "Stopped");
    client.genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE).inNamespace(ns)
        .withName("aousm").delete();
  }

  @Test
  void alwaysOnAndTheSwitchesToAlwaysOffAndBack() throws Exception {
    apply(ns, smallVm("always-on", "AlwaysOn", GUEST));
    awaitPhase(ns, "always-on", "Running", BOOT);
    long first = pid("always-on");
    killQemu("always-on");
    awaitVm(ns, "always-on", BOOT, vm -> "Running".equals(vm.path("status").path("phase").asText())
        && guests().vm(node(vm), uid(vm)).pid() != null && guests().vm(node(vm), uid(vm)).pid() != first);
    long second = pid("always-on");
    guestPowersOff("always-on");
    awaitVm(ns, "always-on", BOOT, vm -> "Running".equals(vm.path("status").path("phase").asText())
        && guests().vm(node(vm), uid(vm)).pid() != null && guests().vm(node(vm), uid(vm)).pid() != second);
    long third = pid("always-on");
    JsonNode stop = op("always-on", "Stop", "Failed");
    assertThat(opReason(stop)).isEqualTo("NotApplicable");
    assertThat(opReason(op("always-on", "Start", "Completed"))).isEqualTo("NoOp");
    assertThat(pid("always-on")).isEqualTo(third);
    assertThat(phase(ns, "always-on")).isEqualTo("Running");

    kubectl().run("patch", "vm", "always-on", "-n", ns, "--type=merge", "-p", "{\"spec\":{\"runPolicy\":\"AlwaysOff\"}}");
    awaitPhase(ns, "always-on", "Stopped", BOOT);
    assertThat(vm(ns, "always-on").path("status").path("restartAwaitingChanges")).isEmpty();
    kubectl().run("patch", "vm", "always-on", "-n", ns, "--type=merge", "-p", "{\"spec\":{\"runPolicy\":\"AlwaysOn\"}}");
    awaitPhase(ns, "always-on", "Running", BOOT);
    client.genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE).inNamespace(ns)
        .withName("always-on").delete();
  }

  @Test
  void manual() throws Exception {
    apply(ns, smallVm("manual", "Manual", GUEST));
    awaitPhase(ns, "manual", "Stopped", Duration.ofSeconds(60));
    staysPhase("manual", "Stopped");
    op("manual", "Start", "Completed");
    assertThat(phase(ns, "manual")).isEqualTo("Running");
    killQemu("manual");
    awaitPhase(ns, "manual", "Stopped", Duration.ofSeconds(60));
    staysPhase("manual", "Stopped");
    op("manual", "Start", "Completed");
    guestPowersOff("manual");
    awaitPhase(ns, "manual", "Stopped", BOOT);
    staysPhase("manual", "Stopped");
    op("manual", "Start", "Completed");
    op("manual", "Stop", "Completed");
    staysPhase("manual", "Stopped");
    op("manual", "Restart", "Completed");
    assertThat(phase(ns, "manual")).isEqualTo("Running");
    client.genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE).inNamespace(ns)
        .withName("manual").delete();
  }

  @Test
  void alwaysOff() throws Exception {
    apply(ns, smallVm("always-off", "AlwaysOff", GUEST));
    awaitPhase(ns, "always-off", "Stopped", Duration.ofSeconds(60));
    staysPhase("always-off", "Stopped");
    assertThat(opReason(op("always-off", "Stop", "Completed"))).isEqualTo("NoOp");
    assertThat(opReason(op("always-off", "Start", "Failed"))).isEqualTo("NotApplicable");
    assertThat(opReason(op("always-off", "Restart", "Failed"))).isEqualTo("NotApplicable");
    staysPhase("always-off", "Stopped");
  }
}
