package io.vmconsole.bench;

import java.io.IOException;

/**
 * Keystroke → echo round trips at getty's login prompt (it echoes; backspaces keep the line short).
 */
final class SerialEcho {
  private static final int WARM_UP = Integer.getInteger("serial.warmUp", 20);

  private SerialEcho() {}

  static long[] measure(ByteStream s, int keys) throws IOException {
    prepare(s);
    long[] out = new long[keys];
    block(s, out, 0, keys);
    return out;
  }

  /**
   * Two paths measured in alternating blocks of keys, so that what the machine does meanwhile (it
   * has two cores and runs both guests) weighs on both alike: {@code [0]} the first path's echoes,
   * {@code [1]} the second's.
   */
  static long[][] alternating(ByteStream first, ByteStream second, int keys, int block)
      throws IOException {
    prepare(first);
    prepare(second);
    long[][] out = new long[2][keys];
    for (int done = 0; done < keys; done += block) {
      int n = Math.min(block, keys - done);
      block(first, out[0], done, n);
      block(second, out[1], done, n);
    }
    return out;
  }

  private static void prepare(ByteStream s) throws IOException {
    s.write(new byte[] {'\r'});
    s.awaitText("login:");
    for (int i = 0; i < WARM_UP; i++) {
      once(s, (byte) 'w');
      s.write(new byte[] {0x7f});
      s.awaitText("\b");
    }
  }

  private static void block(ByteStream s, long[] out, int from, int n) throws IOException {
    for (int i = from; i < from + n; i++) {
      out[i] = once(s, (byte) ('a' + i % 26));
      s.write(new byte[] {0x7f});
      s.awaitText("\b");
    }
  }

  private static long once(ByteStream s, byte key) throws IOException {
    long t0 = System.nanoTime();
    s.write(new byte[] {key});
    while (true) {
      for (byte b : s.read()) {
        if (b == key) {
          return s.arrivedAt() - t0;
        }
      }
    }
  }

  static void printPath(String path, long[] echoes) {
    System.out.printf(
        "serial echo, %s: p50 %s p99 %s%n",
        path,
        BenchServer.millis(BenchServer.percentile(echoes, 0.5)),
        BenchServer.millis(BenchServer.percentile(echoes, 0.99)));
  }

  static void print(long[] proxied, long[] direct) {
    long p50 = BenchServer.percentile(proxied, 0.5);
    long d50 = BenchServer.percentile(direct, 0.5);
    System.out.printf(
        "serial echo, %d keys each, alternating: console+agent (blocking client) p50 %s p99 %s; direct p50 %s p99 %s; p50 ratio %.2f "
            + "(goal <= 1.5, p50 < 5 ms)%n",
        proxied.length,
        BenchServer.millis(p50),
        BenchServer.millis(BenchServer.percentile(proxied, 0.99)),
        BenchServer.millis(d50),
        BenchServer.millis(BenchServer.percentile(direct, 0.99)),
        (double) p50 / d50);
  }
}
