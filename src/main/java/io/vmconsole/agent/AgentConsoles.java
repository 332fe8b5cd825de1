package io.vmconsole.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/**
 * The console side of the agent's console calls (API.md "Consoles"): the VM's status (who holds a
 * console, the SSH forward), the serial boot log and the console WebSockets. The bearer token is
 * added here and goes nowhere else.
 */
@Component
public class AgentConsoles {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final ObjectMapper json = new ObjectMapper();

  /** The agent's status of the VM, empty when the agent does not know it (404). */
  public Optional<JsonNode> status(AgentEndpoint agent, String vmId) throws IOException {
    HttpResponse<byte[]> r = get(agent, "/v1/vms/" + vmId);
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    check(r);
    return Optional.of(json.readTree(r.body()));
  }

  /** Serial output since the VM's last power-on. */
  public byte[] serialLog(AgentEndpoint agent, String vmId) throws IOException {
    HttpResponse<byte[]> r = get(agent, "/v1/vms/" + vmId + "/serial/log");
    check(r);
    return r.body();
  }

  /**
   * Opens a console WebSocket. Completes exceptionally with {@link ConsoleHeldException} when the
   * agent answers 409 (someone holds it and no take-over was asked).
   */
  public CompletableFuture<WebSocket> open(
      AgentEndpoint agent,
      String vmId,
      String kind,
      boolean interactive,
      String user,
      boolean takeOver,
      WebSocket.Listener listener) {
    String query =
        "?mode="
            + (interactive ? "interactive" : "watch")
            + "&user="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + (takeOver ? "&takeOver=true" : "");
    URI uri =
        URI.create(
            agent.baseUrl().toString().replaceFirst("^http", "ws")
                + "/v1/vms/"
                + vmId
                + "/"
                + kind
                + query);
    // A client of its own, whose listener runs on its selector thread: no hand-off to a pool per
    // frame
    // (that hand-off was most of a keystroke's echo time), and a browser slow to take output stalls
    // only its own console.
    HttpClient own =
        HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(Runnable::run).build();
    return own.newWebSocketBuilder()
        .header("Authorization", "Bearer " + agent.token())
        .connectTimeout(TIMEOUT)
        .buildAsync(uri, listener)
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(translate(e)));
  }

  private static Throwable translate(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 409) {
      return new ConsoleHeldException();
    }
    return cause;
  }

  private HttpResponse<byte[]> get(AgentEndpoint agent, String path) throws IOException {
    HttpRequest req =
        HttpRequest.newBuilder(agent.baseUrl().resolve(path))
            .header("Authorization", "Bearer " + agent.token())
            .timeout(TIMEOUT)
            .GET()
            .build();
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void check(HttpResponse<byte[]> r) throws IOException {
    if (r.statusCode() / 100 != 2) {
      throw new IOException(
          "agent answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }
  }

  /** The console is held interactively by someone else. */
  public static final class ConsoleHeldException extends RuntimeException {
    public ConsoleHeldException() {
      super("console held by another user", null, false, false);
    }
  }
}
