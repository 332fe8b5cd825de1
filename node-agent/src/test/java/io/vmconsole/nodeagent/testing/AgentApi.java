package io.vmconsole.nodeagent.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The agent's HTTP calls as the console makes them. */
public final class AgentApi {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  public final int port;
  public final String token;

  public AgentApi(int port, String token) {
    this.port = port;
    this.token = token;
  }

  public record Response(int status, JsonNode body, String raw) {}

  public Response call(String method, String path, Object body) throws Exception {
    return call(method, path, body, "Bearer " + token);
  }

  public Response call(String method, String path, Object body, String authorization)
      throws Exception {
    String text =
        body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(180))
            .method(
                method,
                text == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    try {
      json = JSON.readTree(r.body());
    } catch (Exception e) {
      // Not JSON (the serial log).
    }
    return new Response(r.statusCode(), json, r.body());
  }

  public JsonNode ok(String method, String path, Object body) throws Exception {
    Response r = call(method, path, body);
    if (r.status() / 100 != 2) {
      throw new AssertionError(method + " " + path + " → " + r.status() + " " + r.raw());
    }
    return r.body();
  }

  public JsonNode vm(String id) throws Exception {
    return ok("GET", "/v1/vms/" + id, null);
  }

  /** Waits for a state; returns the VM's status then. */
  public JsonNode awaitState(String id, String state, Duration within) throws Exception {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              last[0] = vm(id);
              return state.equals(last[0].path("state").asText());
            });
    return last[0];
  }
}
