package io.vmconsole.nodeagent.qemu;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The QMP client's parsing against a fake peer that speaks QEMU's framing. */
class QmpClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void handshakeCommandsErrorsEventsAndClose(@TempDir Path dir) throws Exception {
    Path sock = dir.resolve("qmp.sock");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(sock));
    Thread peer =
        new Thread(
            () -> {
              try (SocketChannel c = server.accept()) {
                BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
                send(c, "{\"QMP\": {\"version\": {}, \"capabilities\": []}}");
                String line;
                while ((line = in.readLine()) != null) {
                  JsonNode cmd = JSON.readTree(line);
                  String id = cmd.path("id").asText();
                  switch (cmd.path("execute").asText()) {
                    case "qmp_capabilities" -> send(c, "{\"return\": {}, \"id\": \"" + id + "\"}");
                    case "query-status" -> {
                      // An event may come between a command and its answer.
                      send(c, "{\"event\": \"RESUME\", \"timestamp\": {}}");
                      send(c, "{\"return\": {\"status\": \"running\"}, \"id\": \"" + id + "\"}");
                    }
                    case "quit" -> {
                      send(c, "{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": false}}");
                      return;
                    }
                    default ->
                        send(
                            c,
                            "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"nope\"}, \"id\": \""
                                + id
                                + "\"}");
                  }
                }
              } catch (Exception e) {
                // The test ends the peer by closing.
              }
            });
    peer.start();

    QmpClient qmp = QmpClient.connect(sock, "t");
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicBoolean closed = new AtomicBoolean();
    qmp.onEvent(e -> events.add(e.path("event").asText()));
    qmp.onClose(() -> closed.set(true));
    assertEquals(
        "running",
        qmp.execute("query-status", null).get(5, TimeUnit.SECONDS).path("status").asText());
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> qmp.execute("bogus", null).get(5, TimeUnit.SECONDS));
    assertInstanceOf(QmpClient.QmpException.class, e.getCause());
    qmp.execute("quit", null);
    await().atMost(Duration.ofSeconds(5)).until(closed::get);
    assertEquals(List.of("RESUME", "SHUTDOWN"), events);
    assertTrue(closed.get());
    server.close();
  }

  private static void send(SocketChannel c, String line) throws Exception {
    ByteBuffer b = ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      c.write(b);
    }
  }
}
