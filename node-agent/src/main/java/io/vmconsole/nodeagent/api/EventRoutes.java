package io.vmconsole.nodeagent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vmconsole.nodeagent.events.Event;
import io.vmconsole.nodeagent.events.EventLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code GET /v1/events?after=N}: as a WebSocket, every event after N then the live stream (one
 * JSON text frame each); as plain HTTP, a long poll answering the events after N, waiting up to
 * {@code timeoutSeconds} (max 60) for the first one.
 */
public final class EventRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventLog log;

  public EventRoutes(EventLog log) {
    this.log = log;
  }

  public List<Route> routes() {
    return List.of(new Route("GET", "/v1/events", "v1", this::events));
  }

  private CompletionStage<Reply> events(HttpServerRequest r) {
    long after;
    long timeout;
    try {
      after = Long.parseLong(r.getParam("after", "0"));
      timeout = Math.min(60, Long.parseLong(r.getParam("timeoutSeconds", "0")));
    } catch (NumberFormatException e) {
      return CompletableFuture.completedFuture(
          Reply.badField("after", "after and timeoutSeconds must be numbers"));
    }
    if ("websocket".equalsIgnoreCase(r.getHeader("Upgrade"))) {
      r.toWebSocket().onSuccess(ws -> stream(ws, after));
      return CompletableFuture.completedFuture(Reply.HANDLED);
    }
    EventLog.Page page = log.after(after);
    if (!page.events().isEmpty() || page.resync() || timeout <= 0) {
      return CompletableFuture.completedFuture(Reply.ok(body(page)));
    }
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    Consumer<Event> waiter = e -> reply.complete(null);
    log.subscribe(after, waiter);
    return reply
        .completeOnTimeout(null, timeout, TimeUnit.SECONDS)
        .thenApply(
            x -> {
              log.unsubscribe(waiter);
              return Reply.ok(body(log.after(after)));
            });
  }

  private static Map<String, Object> body(EventLog.Page page) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("events", page.events());
    m.put("lastSeq", page.lastSeq());
    m.put("resync", page.resync());
    return m;
  }

  private void stream(ServerWebSocket ws, long after) {
    Consumer<Event> sender =
        e -> {
          try {
            ws.writeTextMessage(JSON.writeValueAsString(e));
          } catch (JsonProcessingException | IllegalStateException ex) {
            // A closed socket: the close handler unsubscribes.
          }
        };
    ws.closeHandler(v -> log.unsubscribe(sender));
    log.subscribe(after, sender);
  }
}
