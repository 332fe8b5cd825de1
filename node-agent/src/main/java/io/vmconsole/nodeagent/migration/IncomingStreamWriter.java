package io.vmconsole.nodeagent.migration;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Target side of the pipe: binary frames from the WebSocket into the incoming QEMU's unix socket,
 * on a thread of its own (QEMU reads as fast as it loads). The WebSocket is paused while more than
 * 512 KiB wait, so a slow QEMU slows the source instead of filling the agent's memory.
 *
 * <p>Pause and resume are decided on the event loop only, and each side re-checks after it wrote
 * its half ({@code paused}, then {@code queued}; {@code queued}, then {@code paused}): a writer
 * that emptied the queue while the event loop paused would otherwise leave the stream paused for
 * good (seen with frames of a few hundred KiB: the source's window then stalls).
 */
final class IncomingStreamWriter implements AutoCloseable {
  /**
   * Little, for the same reason as the source's window ({@link OutgoingPump#WINDOW}): what waits
   * here looks sent to the source's QEMU.
   */
  private static final long PAUSE_ABOVE = 512L << 10;

  private static final long RESUME_BELOW = 256L << 10;
  private static final Buffer END = Buffer.buffer();

  private final SocketChannel channel;
  private final ServerWebSocket ws;
  private final Context eventLoop;
  private final LinkedBlockingQueue<Buffer> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queued = new AtomicLong();
  private volatile boolean paused;
  private volatile boolean closed;

  private IncomingStreamWriter(SocketChannel channel, ServerWebSocket ws, Context eventLoop) {
    this.channel = channel;
    this.ws = ws;
    this.eventLoop = eventLoop;
  }

  /** On the WebSocket's event loop. */
  static IncomingStreamWriter open(Path socket, ServerWebSocket ws, Consumer<String> onError)
      throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    IncomingStreamWriter w = new IncomingStreamWriter(ch, ws, Vertx.currentContext());
    Thread t = new Thread(() -> w.writeLoop(onError), "migration-in");
    t.setDaemon(true);
    t.start();
    return w;
  }

  /** Called on the event loop for each binary message. */
  void accept(Buffer data) {
    queue.add(data);
    if (queued.addAndGet(data.length()) > PAUSE_ABOVE && !paused) {
      paused = true;
      ws.pause();
      resumeIfDrained();
    }
  }

  /** On the event loop. */
  private void resumeIfDrained() {
    if (paused && queued.get() < RESUME_BELOW) {
      paused = false;
      ws.resume();
    }
  }

  private void writeLoop(Consumer<String> onError) {
    try {
      while (true) {
        Buffer b = queue.take();
        if (b == END) {
          return;
        }
        ByteBuffer bytes = b.getByteBuf().nioBuffer();
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        if (queued.addAndGet(-b.length()) < RESUME_BELOW && paused) {
          eventLoop.runOnContext(v -> resumeIfDrained());
        }
      }
    } catch (IOException e) {
      if (!closed) {
        onError.accept("writing to the incoming QEMU failed: " + e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    queue.add(END);
    try {
      channel.close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
