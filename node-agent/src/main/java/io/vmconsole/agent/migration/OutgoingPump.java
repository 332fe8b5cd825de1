package io.vmconsole.agent.migration;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Source side of the pipe: what QEMU writes to {@code migration-out.sock} goes out as binary
 * frames. When Vert.x's write queue is full the reader waits for it to drain, so the source's QEMU
 * is slowed by the link (and by the bandwidth limit it applies itself) instead of the agent
 * buffering the guest's memory.
 */
final class OutgoingPump {
  /**
   * One frame each (below Vert.x's 64 KiB frame size). The write queue stays Vert.x's small default
   * on purpose: bytes buffered in the pipe look sent to QEMU, which then underestimates the time
   * the last pass takes and stops the guest too early (measured: 8 MiB of queue tripled the
   * downtime).
   */
  private static final int CHUNK = 32 * 1024;

  private OutgoingPump() {}

  /** Starts the reader thread; {@code onEnd} gets null at QEMU's end of stream, else the error. */
  static void start(
      SocketChannel from, WebSocket to, CompletableFuture<Void> closed, Consumer<String> onEnd) {
    Thread t =
        new Thread(
            () -> {
              String error = null;
              ByteBuffer buf = ByteBuffer.allocate(CHUNK);
              try {
                while (from.read(buf) >= 0) {
                  buf.flip();
                  if (buf.hasRemaining()) {
                    byte[] b = new byte[buf.remaining()];
                    buf.get(b);
                    send(to, b, closed);
                  }
                  buf.clear();
                }
              } catch (IOException | RuntimeException e) {
                error = "migration stream: " + e.getMessage();
              }
              onEnd.accept(error);
            },
            "migration-out");
    t.setDaemon(true);
    t.start();
  }

  private static void send(WebSocket ws, byte[] b, CompletableFuture<Void> closed)
      throws IOException {
    if (ws.isClosed()) {
      throw new IOException("the target closed the stream");
    }
    ws.writeBinaryMessage(Buffer.buffer(b));
    if (ws.writeQueueFull()) {
      CompletableFuture<Void> drained = new CompletableFuture<>();
      ws.drainHandler(v -> drained.complete(null));
      closed.thenRun(() -> drained.complete(null));
      if (!ws.writeQueueFull() || ws.isClosed()) {
        drained.complete(null);
      }
      try {
        drained.get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("the target stopped reading", e);
      }
    }
  }
}
