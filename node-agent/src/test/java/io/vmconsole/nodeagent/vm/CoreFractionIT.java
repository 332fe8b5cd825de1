package io.vmconsole.nodeagent.vm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.nodeagent.qemu.ProcessInfo;
import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.Boot;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.Qemus;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * coreFraction as the seed means it, a guaranteed share (issue 18, item 7): the VM's cpu group has
 * a weight in proportion to fraction × cores and a quota of its cores. Two busy 1-core guests, one
 * at 10% and one at 100%, pinned to one host CPU (sched_setaffinity of all their threads): the 10%
 * guest gets its weight's part of that CPU; alone, it uses far more than 10%. Where the cgroup is
 * not writable the agent must say "not enforced".
 */
class CoreFractionIT {
  private static final double TICKS_PER_SECOND = 100.0;
  // A guest that spins on its one vCPU from boot on.
  private static final String BUSY =
      """
      #cloud-config
      runcmd:
        - sh -c 'while :; do :; done' >/dev/null 2>&1 &
      """;
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
  void theFractionIsAGuaranteedWeightAndTheCoresTheCeiling() throws Exception {
    Path pool = Files.createDirectories(dir.resolve("pool"));
    agent = TestAgent.inProcess(dir.resolve("agent"), pool);
    AgentApi api = agent.api;
    long low = start(api, pool, "low", "10%");
    long high = start(api, pool, "high", "100%");
    if (!cgroupWritable()) {
      assertFalse(api.ok("GET", "/v1/vms/low", null).path("coreFractionEnforced").asBoolean());
      return;
    }
    assertEquals("102", group("low", "cpu.shares"));
    assertEquals("1024", group("high", "cpu.shares"));
    assertEquals("100000", group("low", "cpu.cfs_quota_us"));
    assertEquals("100000", group("high", "cpu.cfs_quota_us"));
    Boot.awaitLogin(api, "low");
    Boot.awaitLogin(api, "high");

    pin(low, 0);
    pin(high, 0);
    double[] both = cpuShares(low, high);
    double lowPart = both[0] / (both[0] + both[1]);
    double weightPart = 102.0 / (102 + 1024);
    System.out.printf(
        "one CPU, 10%% guest beside a 100%% guest: %.1f%% and %.1f%% of a core; the 10%% guest"
            + " got %.1f%% of their time (its weight's part: %.1f%%)%n",
        both[0] * 100, both[1] * 100, lowPart * 100, weightPart * 100);
    // The scheduler's split follows the weights to within a tick or two over the window.
    assertTrue(lowPart >= weightPart * 0.85, "10% guest's part " + lowPart);
    assertTrue(both[1] > both[0] * 4, "the 100% guest must get the most: " + both[1]);

    ProcessHandle.of(high).ifPresent(ProcessHandle::destroyForcibly);
    await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(high).isEmpty());
    double alone = cpuShares(low)[0];
    System.out.printf("the 10%% guest alone on its CPU: %.1f%% of a core%n", alone * 100);
    assertTrue(alone > 0.5, "alone, the 10% guest is not held to 10%: " + alone);

    JsonNode patched = api.ok("PATCH", "/v1/vms/low", Map.of("coreFraction", "50%"));
    assertTrue(patched.path("coreFractionEnforced").asBoolean());
    assertEquals("512", group("low", "cpu.shares"));
  }

  private static long start(AgentApi api, Path pool, String name, String fraction)
      throws Exception {
    ObjectNode spec =
        io.vmconsole.nodeagent.testing.Seeds.spec(name, 1, GuestImage.overlay(pool, name), null);
    spec.put("coreFraction", fraction);
    ((ObjectNode) spec.path("provisioning")).put("userData", BUSY);
    api.ok("PUT", "/v1/vms/" + name, spec);
    JsonNode started = api.ok("POST", "/v1/vms/" + name + "/start", null);
    long pid = started.path("pid").asLong();
    qemus.add(pid, name);
    return pid;
  }

  private static String group(String vmId, String file) throws Exception {
    return Files.readString(Path.of("/sys/fs/cgroup/cpu/vmconsole", vmId, file)).strip();
  }

  /** All of QEMU's threads to one host CPU. */
  private static void pin(long pid, int cpu) throws Exception {
    Process p =
        new ProcessBuilder(
                List.of("taskset", "-a", "-p", Integer.toHexString(1 << cpu), Long.toString(pid)))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "taskset: " + out);
  }

  /** Share of one host core each QEMU used over the same ~4 s, from /proc/<pid>/stat. */
  private static double[] cpuShares(long... pids) {
    // The first second after a change is skipped: the scheduler settles.
    long settle = System.nanoTime();
    await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - settle > 1_000_000_000L);
    long t0 = System.nanoTime();
    long[] c0 = new long[pids.length];
    for (int i = 0; i < pids.length; i++) {
      c0[i] = ProcessInfo.cpuTicks(pids[i]);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - t0 > 4_000_000_000L);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double[] shares = new double[pids.length];
    for (int i = 0; i < pids.length; i++) {
      shares[i] = (ProcessInfo.cpuTicks(pids[i]) - c0[i]) / TICKS_PER_SECOND / seconds;
    }
    return shares;
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
