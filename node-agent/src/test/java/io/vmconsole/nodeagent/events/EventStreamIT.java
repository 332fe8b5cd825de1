package io.vmconsole.nodeagent.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.ConsoleWs;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.Seeds;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that reconnects with its last sequence number misses no event (WebSocket and poll). */
class EventStreamIT {
  @TempDir static Path dir;
  static TestAgent agent;
  static AgentApi api;
  static Path disk;

  @BeforeAll
  static void start() throws Exception {
    GuestImage.dir();
    Path pool = Files.createDirectories(dir.resolve("pool"));
    disk = GuestImage.blank(pool, "d", "16M");
    agent = TestAgent.inProcess(dir.resolve("agent"), pool);
    api = agent.api;
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  private static void define(String id) throws Exception {
    api.ok("PUT", "/v1/vms/" + id, Seeds.spec(id, 1, disk, null));
  }

  private static List<JsonNode> events(ConsoleWs ws) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String c : ws.controls) {
      out.add(AgentApi.JSON.readTree(c));
    }
    return out;
  }

  @Test
  void resumedStreamMissesNothing() throws Exception {
    long b = api.ok("GET", "/v1/events?after=0", null).path("lastSeq").asLong();
    define("ev-a");
    define("ev-b");
    long last;
    try (ConsoleWs ws = ConsoleWs.open(api, "/v1/events?after=" + b)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> ws.controls.size() >= 2);
      define("ev-c");
      await().atMost(Duration.ofSeconds(10)).until(() -> ws.controls.size() >= 3);
      List<JsonNode> seen = events(ws);
      assertEquals(
          List.of(b + 1, b + 2, b + 3), seen.stream().map(e -> e.path("seq").asLong()).toList());
      assertEquals("ev-c", seen.get(2).path("vmId").asText());
      last = seen.get(seen.size() - 1).path("seq").asLong();
    }
    // Events while the client is away.
    define("ev-d");
    define("ev-e");
    try (ConsoleWs ws = ConsoleWs.open(api, "/v1/events?after=" + last)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> ws.controls.size() >= 2);
      define("ev-f");
      await().atMost(Duration.ofSeconds(10)).until(() -> ws.controls.size() >= 3);
      List<JsonNode> seen = events(ws);
      assertEquals(
          List.of(b + 4, b + 5, b + 6), seen.stream().map(e -> e.path("seq").asLong()).toList());
      assertEquals(
          List.of("ev-d", "ev-e", "ev-f"),
          seen.stream().map(e -> e.path("vmId").asText()).toList());
    }
    JsonNode polled = api.ok("GET", "/v1/events?after=" + (b + 4), null);
    assertEquals(2, polled.path("events").size());
    assertEquals(b + 5, polled.path("events").get(0).path("seq").asLong());
    assertEquals(b + 6, polled.path("lastSeq").asLong());
  }

  @Test
  void longPollWaitsForTheNextEvent() throws Exception {
    long last = api.ok("GET", "/v1/events?after=0", null).path("lastSeq").asLong();
    var pending =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return api.ok("GET", "/v1/events?after=" + last + "&timeoutSeconds=30", null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    define("ev-poll-" + last);
    JsonNode got = pending.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(last + 1, got.path("events").get(0).path("seq").asLong());
  }
}
