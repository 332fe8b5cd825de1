package io.vmconsole.nodeagent.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A QMP connection over QEMU's unix socket: commands answered through futures (matched by id),
 * events to a listener, and one callback when QEMU closes the socket (QEMU exited or was killed). A
 * reader thread per VM: QMP traffic is tiny and the thread's blocking read is the simplest way to
 * notice the close at once.
 */
public final class QmpClient implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(QmpClient.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SocketChannel channel;
  private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final CompletableFuture<JsonNode> greeting = new CompletableFuture<>();
  private volatile Consumer<JsonNode> eventListener = e -> {};
  private final List<Consumer<JsonNode>> watchers = new CopyOnWriteArrayList<>();
  private volatile Runnable closeListener = () -> {};
  private volatile boolean closed;

  private QmpClient(SocketChannel channel) {
    this.channel = channel;
  }

  /** Connects, negotiates capabilities, and starts reading. */
  public static QmpClient connect(Path socket, String name) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    QmpClient c = new QmpClient(ch);
    Thread t = new Thread(c::readLoop, "qmp-" + name);
    t.setDaemon(true);
    t.start();
    try {
      c.greeting.get(10, TimeUnit.SECONDS);
      c.execute("qmp_capabilities", null).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      c.close();
      throw new IOException("QMP handshake on " + socket + " failed: " + e, e);
    }
    return c;
  }

  public void onEvent(Consumer<JsonNode> listener) {
    this.eventListener = listener;
  }

  /**
   * An additional event listener for a while (e.g. a migration waiting for STOP); the VM's own
   * listener ({@link #onEvent}) stays.
   */
  public void watch(Consumer<JsonNode> watcher) {
    watchers.add(watcher);
  }

  public void unwatch(Consumer<JsonNode> watcher) {
    watchers.remove(watcher);
  }

  /** Runs once when the connection ends, unless {@link #close()} ended it. */
  public void onClose(Runnable listener) {
    this.closeListener = listener;
  }

  /** Completes with {@code return}, or exceptionally with QMP's {@code error.desc}. */
  public CompletableFuture<JsonNode> execute(String command, Map<String, ?> arguments) {
    String id = Long.toString(ids.incrementAndGet());
    ObjectNode msg = JSON.createObjectNode().put("execute", command).put("id", id);
    if (arguments != null) {
      msg.set("arguments", JSON.valueToTree(arguments));
    }
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    try {
      byte[] bytes = (JSON.writeValueAsString(msg) + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (channel) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          channel.write(b);
        }
      }
    } catch (IOException e) {
      pending.remove(id);
      f.completeExceptionally(e);
    }
    return f;
  }

  private void readLoop() {
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      while (channel.read(buf) >= 0) {
        buf.flip();
        while (buf.hasRemaining()) {
          byte b = buf.get();
          if (b == '\n') {
            dispatch(line.toString(StandardCharsets.UTF_8));
            line.reset();
          } else {
            line.write(b);
          }
        }
        buf.clear();
      }
    } catch (IOException e) {
      // Closed by QEMU's exit or by close(): both end the connection below.
    }
    boolean byUs = closed;
    closed = true;
    IOException gone = new IOException("QMP connection closed");
    pending.values().forEach(f -> f.completeExceptionally(gone));
    greeting.completeExceptionally(gone);
    if (!byUs) {
      closeListener.run();
    }
  }

  private void dispatch(String text) {
    if (text.isBlank()) {
      return;
    }
    JsonNode msg;
    try {
      msg = JSON.readTree(text);
    } catch (IOException e) {
      LOG.warning("unparseable QMP message: " + text);
      return;
    }
    if (msg.has("QMP")) {
      greeting.complete(msg);
    } else if (msg.has("event")) {
      try {
        eventListener.accept(msg);
        watchers.forEach(w -> w.accept(msg));
      } catch (RuntimeException e) {
        LOG.warning("QMP event listener failed: " + e);
      }
    } else if (msg.has("id")) {
      CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asText());
      if (f == null) {
        return;
      }
      if (msg.has("error")) {
        f.completeExceptionally(new QmpException(msg.path("error").path("desc").asText()));
      } else {
        f.complete(msg.path("return"));
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Already gone.
    }
  }

  /** QEMU refused a command. */
  public static final class QmpException extends RuntimeException {
    public QmpException(String message) {
      super(message);
    }
  }
}
