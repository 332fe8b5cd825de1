package io.vmconsole.nodeagent.vm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.qemu.ProcessInfo;
import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.Boot;
import io.vmconsole.nodeagent.testing.ConsoleWs;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.Qemus;
import io.vmconsole.nodeagent.testing.Seeds;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * coreFraction through the cgroup v1 cpu quota: a busy 1-core guest held to ≈10% of a host core,
 * then a live change to 50%. Where the cgroup is not writable the agent must say "not enforced".
 */
class CoreFractionIT {
  private static final double TICKS_PER_SECOND = 100.0;
  @TempDir static Path dir;
  static TestAgent agent;
  static final Qemus qemus = new Qemus();

  @AfterAll
  static void tearDown() {
    if (agent != null) {
      agent.close();
    }
    qemus.killAll();
  }

  @Test
  void busyGuestIsHeldToItsFraction() throws Exception {
    Path pool = Files.createDirectories(dir.resolve("pool"));
    agent = TestAgent.inProcess(dir.resolve("agent"), pool);
    AgentApi api = agent.api;
    api.ok("PUT", "/v1/vms/cf", Seeds.spec("cf", 1, GuestImage.overlay(pool, "cf"), null));
    JsonNode started = api.ok("POST", "/v1/vms/cf/start", null);
    long pid = started.path("pid").asLong();
    qemus.add(pid, "cf");
    if (!cgroupWritable()) {
      assertFalse(started.path("coreFractionEnforced").asBoolean(), "reported as not enforced");
      return;
    }
    assertTrue(started.path("coreFractionEnforced").asBoolean());
    Boot.awaitLogin(api, "cf");
    try (ConsoleWs shell = ConsoleWs.open(api, "/v1/vms/cf/serial?mode=interactive&user=t")) {
      shell.login("cf");
      shell.type("while :; do :; done\r");

      api.ok("PATCH", "/v1/vms/cf", Map.of("coreFraction", "10%"));
      double at10 = cpuShare(pid);
      System.out.printf("coreFraction 10%%: QEMU used %.1f%% of a core%n", at10 * 100);
      // A quota is a ceiling: on an idle host the busy guest sits at it, on a loaded one it may get
      // less, never more. So the ceilings are exact; the floors only prove the guest was busy and
      // that
      // the raised quota lifted it clearly above the old ceiling.
      assertTrue(at10 > 0.03 && at10 < 0.16, "10% quota gave " + at10);

      JsonNode patched = api.ok("PATCH", "/v1/vms/cf", Map.of("coreFraction", "50%"));
      assertTrue(patched.path("coreFractionEnforced").asBoolean());
      double at50 = cpuShare(pid);
      System.out.printf("coreFraction 50%%: QEMU used %.1f%% of a core%n", at50 * 100);
      assertTrue(at50 > 0.16 && at50 < 0.60, "50% quota gave " + at50);
    }
  }

  /** Share of one host core QEMU used over ~4 s, from /proc/<pid>/stat utime+stime. */
  private static double cpuShare(long pid) {
    // The first second after a change is skipped: the quota applies from the next period anyway.
    long settle = System.nanoTime();
    await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - settle > 1_000_000_000L);
    long t0 = System.nanoTime();
    long c0 = ProcessInfo.cpuTicks(pid);
    await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - t0 > 4_000_000_000L);
    long c1 = ProcessInfo.cpuTicks(pid);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return (c1 - c0) / TICKS_PER_SECOND / seconds;
  }

  /** The test's own probe: can a cpu group be created under cgroup v1? */
  private static boolean cgroupWritable() {
    Path probe = Path.of("/sys/fs/cgroup/cpu/vmconsole-it-probe-" + ProcessHandle.current().pid());
    try {
      Files.createDirectory(probe);
      Files.delete(probe);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
