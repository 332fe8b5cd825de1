package io.vmconsole.bench;

import java.io.IOException;

/** A console byte stream, proxied (WebSocket) or direct (QEMU's unix socket). */
interface ByteStream {
  void write(byte[] bytes) throws IOException;

  /** Blocks until at least one byte arrived; returns them. */
  byte[] read() throws IOException;

  /**
   * System.nanoTime() when the bytes of the last {@link #read()} reached this client's socket
   * reader: what a latency figure should end at, not when the measuring thread got round to them.
   */
  long arrivedAt();

  default void awaitText(String marker) throws IOException {
    StringBuilder seen = new StringBuilder();
    while (seen.indexOf(marker) < 0) {
      seen.append(new String(read(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }
  }
}
