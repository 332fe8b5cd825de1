package io.vmconsole.nodeagent.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmconsole.nodeagent.AgentConfig;
import io.vmconsole.nodeagent.NodeAgent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** An agent started in-process on 127.0.0.1 with the given pools, and a JSON client for it. */
final class StorageAgent implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "storage-it-token-42";

  private final NodeAgent agent;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Response(int status, JsonNode body) {}

  StorageAgent(Path dir, Path sharedPool, Path localPool) throws IOException {
    Files.createDirectories(dir);
    Path token = Files.writeString(dir.resolve("token"), TOKEN);
    agent =
        NodeAgent.start(
            new AgentConfig(
                "storage-it",
                "127.0.0.1",
                0,
                null,
                token,
                dir.resolve("state"),
                null,
                null,
                null,
                sharedPool,
                localPool));
  }

  Response call(String method, String path, String json) throws IOException, InterruptedException {
    return send(
        method,
        path,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
  }

  Response send(String method, String path, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + TOKEN)
            .method(method, body)
            .build();
    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), JSON.readTree(r.body()));
  }

  JsonNode job(String id) throws IOException, InterruptedException {
    return call("GET", "/v1/storage/jobs/" + id, null).body();
  }

  @Override
  public void close() {
    agent.close();
  }
}
