package io.vmconsole.nodeagent.bench;

import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.Seeds;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Agent start call → "login:" on serial, median of 5, beside a bare QEMU with the same device
 * arguments (its serial socket read directly). Runs alternate so machine load hits both alike.
 */
public final class BootBenchmark {
  private static final int RUNS = 5;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("boot-bench");
    Path pool = Files.createDirectories(dir.resolve("pool"));
    GuestImage.dir();
    List<Double> agentTimes = new ArrayList<>();
    List<Double> bareTimes = new ArrayList<>();
    try (TestAgent agent = TestAgent.inProcess(dir.resolve("agent"), pool)) {
      AgentApi api = agent.api;
      for (int i = 0; i < RUNS; i++) {
        Path disk = GuestImage.overlay(pool, "a" + i);
        api.ok("PUT", "/v1/vms/boot-a", Seeds.spec("boot", 1, disk, null));
        long t0 = System.nanoTime();
        long pid = api.ok("POST", "/v1/vms/boot-a/start", null).path("pid").asLong();
        try {
          while (!api.call("GET", "/v1/vms/boot-a/serial/log", null).raw().contains("login: ")) {
            Thread.sleep(20);
          }
          agentTimes.add((System.nanoTime() - t0) / 1e9);
        } finally {
          api.ok("POST", "/v1/vms/boot-a/stop", Map.of("graceful", false));
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
          api.awaitState("boot-a", "Stopped", java.time.Duration.ofSeconds(30));
        }
        bareTimes.add(bare(dir.resolve("bare" + i), pool, GuestImage.overlay(pool, "b" + i)));
        System.out.printf("run %d: agent %.2f s, bare %.2f s%n", i + 1, agentTimes.get(i), bareTimes.get(i));
      }
    }
    double a = BenchVm.median(agentTimes);
    double b = BenchVm.median(bareTimes);
    System.out.printf(
        "start → login: median of %d: agent %.2f s, bare QEMU %.2f s, ratio %.3f%n", RUNS, a, b, a / b);
  }

  private static double bare(Path dir, Path pool, Path disk) throws Exception {
    long t0 = System.nanoTime();
    Process q = BenchVm.startBare(dir, pool, disk, "boot");
    try (SocketChannel serial = BenchVm.connect(dir.resolve("serial.sock"))) {
      BenchVm.readUntil(serial, "login: ");
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      q.destroyForcibly().waitFor();
    }
  }
}
