package io.vmconsole.nodeagent.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serial hub against a fake QEMU serial socket: fan-out, holder-only input, bounded log. */
class SerialHubTest {
  static final class Recorder implements ConsoleClient {
    final ByteArrayOutputStream got = new ByteArrayOutputStream();

    @Override
    public String user() {
      return "r";
    }

    @Override
    public synchronized void send(byte[] data) {
      got.writeBytes(data);
    }

    synchronized int size() {
      return got.size();
    }

    @Override
    public void control(String json) {}

    @Override
    public void close() {}
  }

  @Test
  void fansOutTakesHolderInputAndKeepsTheLastMiB(@TempDir Path dir) throws Exception {
    Path sock = dir.resolve("serial.sock");
    Path log = dir.resolve("serial.log");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(sock));
    try (SerialHub hub = SerialHub.connect(sock, log, true, Clock.systemUTC(), "t");
        SocketChannel qemu = server.accept()) {
      Recorder holder = new Recorder();
      Recorder watcher = new Recorder();
      hub.sessions().join(holder, true, false);
      hub.sessions().join(watcher, false, false);

      assertTrue(hub.input(holder, "ls\r".getBytes(StandardCharsets.US_ASCII)));
      assertFalse(hub.input(watcher, "rm\r".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer in = ByteBuffer.allocate(16);
      await().atMost(Duration.ofSeconds(5)).until(() -> qemu.read(in) > 0 && in.position() >= 3);
      assertEquals("ls\r", new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));

      byte[] out = new byte[3 * SerialHub.LOG_BYTES + 123];
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) ('a' + i % 26);
      }
      ByteBuffer b = ByteBuffer.wrap(out);
      while (b.hasRemaining()) {
        qemu.write(b);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> watcher.size() == out.length);
      assertEquals(out.length, holder.size());
      byte[] tail = Arrays.copyOfRange(out, out.length - SerialHub.LOG_BYTES, out.length);
      assertArrayEquals(tail, hub.log());
      long fileSize = Files.size(log);
      assertTrue(fileSize <= 2L * SerialHub.LOG_BYTES, "serial.log stays bounded: " + fileSize);
      byte[] file = Files.readAllBytes(log);
      assertArrayEquals(
          Arrays.copyOfRange(out, out.length - file.length, out.length), file, "file = a tail");
    }
    server.close();
  }
}
