package io.vmconsole.nodeagent.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Talks to qemu-guest-agent through its virtio-serial socket: is it up, which OS, which addresses.
 * Requests queue up in the port while the guest agent is not running yet, so every exchange starts
 * with {@code guest-sync} and a fresh id, and answers that do not match are skipped.
 */
final class GuestAgent implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SocketChannel channel;
  private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
  private final AtomicLong syncIds = new AtomicLong(System.nanoTime() & 0xffffff);

  /** What the guest agent told about the guest. */
  record Info(String osName, String osVersion, List<String> addresses) {}

  private GuestAgent(SocketChannel channel) {
    this.channel = channel;
  }

  static GuestAgent connect(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    GuestAgent g = new GuestAgent(ch);
    Thread t = new Thread(g::readLoop, "qga-" + socket.getParent().getFileName());
    t.setDaemon(true);
    t.start();
    return g;
  }

  /** True when the guest agent answered a sync within the timeout. */
  synchronized boolean ping(long timeoutMs) throws IOException, InterruptedException {
    long id = syncIds.incrementAndGet();
    replies.clear();
    send("{\"execute\":\"guest-sync\",\"arguments\":{\"id\":" + id + "}}");
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      JsonNode r = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (r == null) {
        return false;
      }
      if (r.path("return").asLong(-1) == id) {
        return true;
      }
    }
  }

  synchronized Info info() throws IOException, InterruptedException {
    JsonNode os = call("{\"execute\":\"guest-get-osinfo\"}");
    JsonNode ifs = call("{\"execute\":\"guest-network-get-interfaces\"}");
    List<String> addrs = new ArrayList<>();
    if (ifs != null) {
      for (JsonNode i : ifs) {
        if ("lo".equals(i.path("name").asText())) {
          continue;
        }
        for (JsonNode a : i.path("ip-addresses")) {
          addrs.add(a.path("ip-address").asText() + "/" + a.path("prefix").asInt());
        }
      }
    }
    return new Info(
        os == null ? null : os.path("pretty-name").asText(os.path("name").asText(null)),
        os == null ? null : os.path("version").asText(null),
        addrs);
  }

  private JsonNode call(String request) throws IOException, InterruptedException {
    if (!ping(3000)) {
      return null;
    }
    send(request);
    JsonNode r = replies.poll(3, TimeUnit.SECONDS);
    return r == null || !r.has("return") ? null : r.get("return");
  }

  private void send(String line) throws IOException {
    ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      channel.write(b);
    }
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
            parse(line.toString(StandardCharsets.UTF_8));
            line.reset();
          } else if (b != (byte) 0xff) {
            line.write(b);
          }
        }
        buf.clear();
      }
    } catch (IOException e) {
      // QEMU exited or close() was called.
    }
  }

  private void parse(String text) {
    try {
      if (!text.isBlank()) {
        replies.add(JSON.readTree(text));
      }
    } catch (IOException e) {
      // Garbage from a half-written earlier exchange: skipped, the next sync re-aligns.
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
