package io.vmconsole.nodeagent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.Boot;
import io.vmconsole.nodeagent.testing.ConsoleWs;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.Seeds;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Migrates one running guest back and forth between two in-process agents and checks after every
 * move that the guest still lives on the target: a command echoed on its serial console, no panic
 * in its serial log. A guest that died is replaced by a fresh one and the soak goes on; the end
 * prints the counts.
 *
 * <p>{@code -Dsoak.moves=40} moves; {@code -Dsoak.busy=true} keeps the guest's memory busy; {@code
 * -Dsoak.bandwidth=2097152} limits each move (bytes/s); {@code -Dsoak.duringBoot=true} moves a fresh
 * guest each time while it boots (as the console's MigrationRestartIT does), then waits for its
 * login prompt on the target.
 */
public final class MigrationSoakBenchmark {
  private static final int MOVES = Integer.getInteger("soak.moves", 40);
  private static final boolean BUSY = Boolean.getBoolean("soak.busy");
  private static final long BANDWIDTH = Long.getLong("soak.bandwidth", 0);
  private static final boolean DURING_BOOT = Boolean.getBoolean("soak.duringBoot");

  /** With duringBoot: how long the fresh guest boots before it is moved ({@code -Dsoak.bootDelayMs}). */
  private static final long BOOT_DELAY_MS = Long.getLong("soak.bootDelayMs", 0);
  private static final String BUSY_LOOP =
      "(while :; do dd if=/dev/urandom of=/tmp/busy bs=1M count=24 2>/dev/null; done) & echo BUSY";
  private static final Pattern PANIC =
      Pattern.compile("Kernel panic|NX-protected|BUG: |Oops|general protection fault");
  /** Generous: the host's CPUs are shared; a guest that is merely slow is not counted dead. */
  private static final Duration ECHO = Duration.ofSeconds(60);

  private MigrationSoakBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("mig-soak");
    Path pool = Files.createDirectories(dir.resolve("pool"));
    GuestImage.dir();
    List<long[]> pids = new ArrayList<>();
    List<String> pidVms = new ArrayList<>();
    int moved = 0;
    int migrationFailed = 0;
    int died = 0;
    List<String> deaths = new ArrayList<>();
    TestAgent t1 = TestAgent.inProcess(dir.resolve("a1"), pool, "soak-1");
    TestAgent t2 = TestAgent.inProcess(dir.resolve("a2"), pool, "soak-2");
    try {
      Node[] nodes = {new Node(t1.api, "soak-1"), new Node(t2.api, "soak-2")};
      int life = 0;
      int at = 0;
      String vm = DURING_BOOT ? null : boot(nodes[0], pool, life, pids, pidVms);
      for (int i = 1; i <= MOVES; i++) {
        if (DURING_BOOT) {
          life = i;
          vm = start(nodes[at], pool, life, pids, pidVms);
          Thread.sleep(BOOT_DELAY_MS);
        }
        Node from = nodes[at];
        Node to = nodes[1 - at];
        JsonNode m = migrate(from, to, vm, "s" + life + "-" + i);
        if (!"Succeeded".equals(m.path("state").asText())) {
          migrationFailed++;
          System.out.println("move " + i + ": migration " + m.path("state") + " " + m);
          if (DURING_BOOT) {
            BenchVm.kill(pids.get(pids.size() - 1)[0], vm);
          }
          continue;
        }
        moved++;
        at = 1 - at;
        pids.add(new long[] {to.api.vm(vm).path("pid").asLong()});
        pidVms.add(vm);
        String death = alive(to, vm, i);
        System.out.printf(
            "move %d %s -> %s: downtime %s ms, total %s ms, %d MiB, %s%n",
            i,
            from.name,
            to.name,
            m.path("downtimeMs").asText(),
            m.path("totalMs").asText(),
            m.path("progress").path("bytesTransferred").asLong() >> 20,
            death == null ? "alive" : "DEAD: " + death);
        if (death != null) {
          died++;
          deaths.add("move " + i + ": " + death);
          if (!DURING_BOOT) {
            // The dead guest goes before the next one boots: it would only take CPU from it.
            BenchVm.kill(pids.get(pids.size() - 1)[0], vm);
            life++;
            vm = boot(to, pool, life, pids, pidVms);
          }
        }
        if (DURING_BOOT) {
          // One booting guest at a time: the next one gets the CPU.
          BenchVm.kill(pids.get(pids.size() - 1)[0], vm);
        }
      }
    } finally {
      // QEMUs first: an agent closing with guests still up waits for them. All of them before the
      // cgroups: the QEMUs of one VM share its group, which goes only when the last one has.
      for (long[] pid : pids) {
        ProcessHandle.of(pid[0]).ifPresent(ProcessHandle::destroyForcibly);
      }
      for (int k = 0; k < pids.size(); k++) {
        BenchVm.kill(pids.get(k)[0], pidVms.get(k));
      }
      t1.close();
      t2.close();
    }
    System.out.printf(
        "SOAK %s guest, bandwidth %d B/s: %d moves tried, %d migrations failed, %d succeeded, guest dead after %d"
            + " (%.1f%%)%n",
        DURING_BOOT ? "booting" : BUSY ? "busy" : "idle",
        BANDWIDTH,
        MOVES,
        migrationFailed,
        moved,
        died,
        moved == 0 ? 0.0 : 100.0 * died / moved);
    deaths.forEach(d -> System.out.println("  " + d));
    System.exit(0);
  }

  private record Node(AgentApi api, String name) {}

  private static String start(
      Node node, Path pool, int life, List<long[]> pids, List<String> pidVms) throws Exception {
    String vm = "soak" + life;
    node.api.ok("PUT", "/v1/vms/" + vm, Seeds.spec(vm, 1, GuestImage.overlay(pool, vm), null));
    pids.add(new long[] {node.api.ok("POST", "/v1/vms/" + vm + "/start", null).path("pid").asLong()});
    pidVms.add(vm);
    return vm;
  }

  private static String boot(
      Node node, Path pool, int life, List<long[]> pids, List<String> pidVms) throws Exception {
    String vm = start(node, pool, life, pids, pidVms);
    Boot.awaitLogin(node.api, vm);
    try (ConsoleWs shell = serial(node, vm)) {
      shell.login(vm);
      if (BUSY) {
        shell.run(BUSY_LOOP, "(?m)^BUSY$", Duration.ofSeconds(60));
      }
    }
    return vm;
  }

  private static JsonNode migrate(Node from, Node to, String vm, String id) throws Exception {
    JsonNode spec = from.api.vm(vm).path("spec");
    JsonNode in =
        to.api.ok(
            "POST",
            "/v1/migrations/incoming",
            Map.of("migrationId", id, "vmId", vm, "sourceNode", from.name, "spec", spec));
    Map<String, Object> target =
        BenchVm.migrationTarget(to.name, to.api.port, in.path("ticket").asText());
    from.api.ok(
        "POST",
        "/v1/vms/" + vm + "/migrate",
        Map.of(
            "migrationId",
            id,
            "target",
            target,
            "downtimeLimitMs",
            300,
            "maxBandwidthBytesPerSecond",
            BANDWIDTH));
    JsonNode m;
    do {
      Thread.sleep(100);
      m = from.api.ok("GET", "/v1/migrations/" + id, null);
    } while (!m.path("finishedAt").isTextual());
    return m;
  }

  /** Null when the guest answers on the target and printed no panic; else what is wrong. */
  private static String alive(Node node, String vm, int move) throws Exception {
    String error = null;
    if (DURING_BOOT) {
      try {
        Boot.awaitLogin(node.api, vm);
        try (ConsoleWs shell = serial(node, vm)) {
          shell.login(vm);
        }
      } catch (RuntimeException | AssertionError e) {
        error = "no login prompt on the target";
      }
    }
    long t0 = System.nanoTime();
    try (ConsoleWs shell = serial(node, vm)) {
      // The count of dd processes shows the busy loop still runs after the move.
      String dd =
          shell
              .run(
                  "echo ALIVE-$((" + move + "*1)) DD=$(pidof dd | wc -w)",
                  "(?m)^ALIVE-" + move + " DD=(\\d+)\\s*$",
                  ECHO)
              .group(1);
      if (BUSY && dd.equals("0")) {
        System.out.println("move " + move + ": the busy loop no longer runs");
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (ms > 5000) {
        System.out.println("move " + move + ": slow echo, " + ms + " ms");
      }
    } catch (RuntimeException | AssertionError e) {
      error = "no echo within " + ECHO.toSeconds() + " s";
    }
    String log = node.api.call("GET", "/v1/vms/" + vm + "/serial/log", null).raw();
    var panic = PANIC.matcher(log);
    if (panic.find()) {
      int from = Math.max(0, panic.start() - 400);
      error =
          (error == null ? "" : error + "; ")
              + "serial log:\n"
              + log.substring(from, Math.min(log.length(), panic.start() + 2500));
    }
    String state = node.api.vm(vm).path("state").asText();
    if (!"Running".equals(state)) {
      error = (error == null ? "" : error + "; ") + "state " + state + " " + node.api.vm(vm).path("reason");
    }
    return error;
  }

  private static ConsoleWs serial(Node node, String vm) {
    return ConsoleWs.open(node.api, "/v1/vms/" + vm + "/serial?mode=interactive&user=soak");
  }
}
