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
import java.util.function.IntSupplier;

/**
 * VNC bytes/s with Raw encoding and back-to-back full, non-incremental framebuffer updates: through
 * the agent's WebSocket vs a direct connection to QEMU's VNC socket (QEMU serves both at once).
 */
public final class VncThroughputBenchmark {
  private static final long WINDOW_NS = 5_000_000_000L;

  /** The two transports seen alike: send bytes, count bytes received. */
  interface Pipe {
    void send(byte[] b) throws Exception;

    int received();

    byte[] head(int n);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("vnc-bench");
    Path pool = Files.createDirectories(dir.resolve("pool"));
    Path disk = GuestImage.overlay(pool, "vnc");
    long pid = -1;
    try (TestAgent agent = TestAgent.inProcess(dir.resolve("agent"), pool)) {
      AgentApi api = agent.api;
      api.ok("PUT", "/v1/vms/vnc", Seeds.spec("vnc", 1, disk, null));
      pid = api.ok("POST", "/v1/vms/vnc/start", null).path("pid").asLong();
      Boot.awaitLogin(api, "vnc");
      double viaAgent;
      try (ConsoleWs ws = ConsoleWs.open(api, "/v1/vms/vnc/vnc?mode=watch&user=b")) {
        viaAgent =
            measure(
                new Pipe() {
                  public void send(byte[] b) {
                    ws.send(b);
                  }

                  public int received() {
                    return ws.size();
                  }

                  public byte[] head(int n) {
                    return ws.bytes();
                  }
                });
      }
      double direct;
      Path sock = dir.resolve("agent/state/vms/vnc/vnc.sock");
      try (SocketChannel ch = BenchVm.connect(sock)) {
        Counter c = new Counter(ch);
        direct =
            measure(
                new Pipe() {
                  public void send(byte[] b) throws Exception {
                    ch.write(ByteBuffer.wrap(b));
                  }

                  public int received() {
                    return c.count();
                  }

                  public byte[] head(int n) {
                    return c.head();
                  }
                });
      }
      System.out.printf(
          "VNC Raw full updates: agent WebSocket %.1f MB/s, direct %.1f MB/s, ratio %.2f%n",
          viaAgent / 1e6, direct / 1e6, viaAgent / direct);
    } finally {
      if (pid > 0) {
        BenchVm.kill(pid, "vnc");
      }
    }
  }

  private static double measure(Pipe p) throws Exception {
    waitFor(() -> p.received() >= 12);
    p.send("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
    waitFor(() -> p.received() >= 14);
    int types = p.head(14)[12];
    p.send(new byte[] {1});
    int initAt = 13 + types + 4;
    waitFor(() -> p.received() >= initAt);
    p.send(new byte[] {1});
    waitFor(() -> p.received() >= initAt + 24);
    byte[] init = p.head(initAt + 24);
    int w = ((init[initAt] & 0xff) << 8) | (init[initAt + 1] & 0xff);
    int h = ((init[initAt + 2] & 0xff) << 8) | (init[initAt + 3] & 0xff);
    p.send(new byte[] {2, 0, 0, 1, 0, 0, 0, 0}); // SetEncodings: Raw only
    byte[] full = {3, 0, 0, 0, 0, 0, (byte) (w >> 8), (byte) w, (byte) (h >> 8), (byte) h};
    long frame = (long) w * h * 4;
    int start = p.received();
    long t0 = System.nanoTime();
    long expected = start;
    while (System.nanoTime() - t0 < WINDOW_NS) {
      p.send(full);
      expected += frame;
      long target = expected;
      waitFor(() -> p.received() >= target);
    }
    return (p.received() - start) / ((System.nanoTime() - t0) / 1e9);
  }

  private static void waitFor(IntSupplier cond) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (cond.getAsInt() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("VNC stalled");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier cond) {
    waitFor(() -> cond.getAsBoolean() ? 1 : 0);
  }

  /** Reads a channel on a thread, counting bytes and keeping the first 4 KiB. */
  static final class Counter {
    private final byte[] head = new byte[4096];
    private volatile int count;

    Counter(SocketChannel ch) {
      Thread t =
          new Thread(
              () -> {
                ByteBuffer b = ByteBuffer.allocate(1 << 20);
                try {
                  int n;
                  while ((n = ch.read(b)) >= 0) {
                    int c = count;
                    if (c < head.length) {
                      System.arraycopy(b.array(), 0, head, c, Math.min(n, head.length - c));
                    }
                    count = c + n;
                    b.clear();
                  }
                } catch (Exception e) {
                  // Closed at the end of the run.
                }
              });
      t.setDaemon(true);
      t.start();
    }

    int count() {
      return count;
    }

    byte[] head() {
      return head;
    }
  }
}
