package io.vmconsole.nodeagent.migration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Source side of the pipe: what QEMU writes to {@code mig-out.sock} goes out as binary frames, one
 * per read (up to {@link #MAX_FRAME}: a read takes whatever the socket holds, so frames grow with
 * the rate). A {@link SendWindow} of {@link #WINDOW} bytes bounds what the agent holds: QEMU is
 * slowed by the link (and by the bandwidth limit it applies itself) instead of the agent buffering
 * the guest's memory.
 *
 * <p>Measured on the old pump (32 KiB frames, Vert.x's 64 KiB write queue): a drain wait and a
 * thread hop every second frame; with both QEMUs starved for CPU beside the relay, the relay
 * carried 35–60 MB/s where QEMU → QEMU carries ~240 MB/s.
 */
final class OutgoingPump {
  /** The largest binary frame; the agent's server and client accept frames this large. */
  static final int MAX_FRAME = MigrationRoutes.MAX_FRAME;

  /**
   * Small on purpose: bytes buffered in the pipe look sent to QEMU, which then underestimates the
   * time the last pass takes and stops the guest too early (measured: 8 MiB of queue tripled the
   * downtime). 512 KiB is a few ms at the relay's rate.
   */
  static final long WINDOW = 512 << 10;

  private static final long STALL_MS = 120_000;

  private OutgoingPump() {}

  /** Starts the reader thread; {@code onEnd} gets null at QEMU's end of stream, else the error. */
  static void start(
      SocketChannel from, WebSocket to, CompletableFuture<Void> closed, Consumer<String> onEnd) {
    SendWindow window = new SendWindow(WINDOW);
    closed.thenRun(window::close);
    Thread t =
        new Thread(
            () -> {
              String error = null;
              ByteBuffer buf = ByteBuffer.allocateDirect(MAX_FRAME);
              try {
                while (from.read(buf) >= 0) {
                  buf.flip();
                  int n = buf.remaining();
                  if (n > 0) {
                    window.acquire(n, STALL_MS);
                    if (to.isClosed()) {
                      throw new IOException("the target closed the stream");
                    }
                    // One copy, into pooled direct memory the socket writes from as it is: a heap
                    // array cost a second copy (Netty moves heap bytes to direct memory to write).
                    ByteBuf frame = PooledByteBufAllocator.DEFAULT.directBuffer(n);
                    frame.writeBytes(buf);
                    to.writeBinaryMessage(Buffer.buffer(frame))
                        .onComplete(
                            ar -> {
                              // Vert.x hands Netty an unreleasable view: the frame is ours to free.
                              frame.release();
                              window.release(n);
                            });
                  }
                  buf.clear();
                }
              } catch (IOException | RuntimeException e) {
                error = "migration stream: " + e.getMessage();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "migration stream: interrupted";
              }
              onEnd.accept(error);
            },
            "migration-out");
    t.setDaemon(true);
    t.start();
  }
}
