package io.vmconsole.nodeagent.bench;

import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.Boot;
import io.vmconsole.nodeagent.testing.ConsoleWs;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.Seeds;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Keystroke echo at a shell prompt: through the agent's serial WebSocket, then (agent closed, QEMU
 * still running) directly on QEMU's serial socket. p50/p99 and their ratio.
 */
public final class SerialEchoBenchmark {
  private static final int SAMPLES = 300;
  private static final int WARMUP = 300;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("echo-bench");
    Path pool = Files.createDirectories(dir.resolve("pool"));
    Path disk = GuestImage.overlay(pool, "echo");
    long pid = -1;
    try {
      List<Double> viaAgent = new ArrayList<>();
      Path vmDir;
      try (TestAgent agent = TestAgent.inProcess(dir.resolve("agent"), pool)) {
        AgentApi api = agent.api;
        api.ok("PUT", "/v1/vms/echo", Seeds.spec("echo", 1, disk, null));
        pid = api.ok("POST", "/v1/vms/echo/start", null).path("pid").asLong();
        Boot.awaitLogin(api, "echo");
        vmDir = dir.resolve("agent/state/vms/echo");
        try (ConsoleWs ws = ConsoleWs.open(api, "/v1/vms/echo/serial?mode=interactive&user=b")) {
          ws.login("echo");
        }
        // Vert.x's client (event-loop based) rather than the JDK's, whose thread hops would be
        // measured as agent overhead.
        Vertx vertx = Vertx.vertx();
        try {
          Semaphore echoed = new Semaphore(0);
          WebSocket ws =
              vertx
                  .createHttpClient()
                  .webSocket(
                      new WebSocketConnectOptions()
                          .setPort(api.port)
                          .setHost("127.0.0.1")
                          .setURI("/v1/vms/echo/serial?mode=interactive&user=b")
                          .addHeader("Authorization", "Bearer " + api.token))
                  .toCompletionStage()
                  .toCompletableFuture()
                  .get(10, TimeUnit.SECONDS);
          ws.binaryMessageHandler(b -> echoed.release());
          ws.writeBinaryMessage(Buffer.buffer("\u0015"));
          echoed.tryAcquire(5, TimeUnit.SECONDS);
          echoed.drainPermits();
          // The first WARMUP keystrokes let the JIT compile the agent's and the client's paths.
          for (int i = 0; i < WARMUP + SAMPLES; i++) {
            long t0 = System.nanoTime();
            ws.writeBinaryMessage(Buffer.buffer("x"));
            echoed.acquire();
            if (i >= WARMUP) {
              viaAgent.add((System.nanoTime() - t0) / 1e6);
            }
            if (i % 40 == 39) {
              ws.writeBinaryMessage(Buffer.buffer("\u0015"));
              echoed.tryAcquire(5, TimeUnit.SECONDS);
              echoed.tryAcquire(50, TimeUnit.MILLISECONDS);
              echoed.drainPermits();
            }
          }
          ws.writeBinaryMessage(Buffer.buffer("\u0015"));
          ws.close();
        } finally {
          vertx.close();
        }
      }
      List<Double> direct = new ArrayList<>();
      try (SocketChannel ch = BenchVm.connect(vmDir.resolve("serial.sock"))) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        for (int i = 0; i < SAMPLES; i++) {
          long t0 = System.nanoTime();
          ch.write(ByteBuffer.wrap("x".getBytes(StandardCharsets.US_ASCII)));
          buf.clear();
          ch.read(buf);
          direct.add((System.nanoTime() - t0) / 1e6);
          if (i % 40 == 39) {
            ch.write(ByteBuffer.wrap(new byte[] {0x15}));
            buf.clear();
            ch.read(buf);
          }
        }
      }
      report("agent WebSocket", viaAgent);
      report("QEMU socket", direct);
      System.out.printf(
          "ratio p50 %.2f, p99 %.2f%n",
          BenchVm.percentile(viaAgent, 0.5) / BenchVm.percentile(direct, 0.5),
          BenchVm.percentile(viaAgent, 0.99) / BenchVm.percentile(direct, 0.99));
    } finally {
      if (pid > 0) {
        BenchVm.kill(pid, "echo");
      }
    }
  }

  private static void report(String what, List<Double> ms) {
    System.out.printf(
        "serial echo via %s: p50 %.3f ms, p99 %.3f ms (%d samples)%n",
        what, BenchVm.percentile(ms, 0.5), BenchVm.percentile(ms, 0.99), ms.size());
  }
}
