package io.vmconsole.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link AgentClient} over the agent's HTTP API with its bearer token. */
public final class HttpAgentClient implements AgentClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();

  private final AgentEndpoint endpoint;

  public HttpAgentClient(AgentEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public boolean healthy() {
    try {
      return send("GET", "/v1/healthz", null, Duration.ofSeconds(3))
          .path("status")
          .asText()
          .equals("ok");
    } catch (AgentException e) {
      return false;
    }
  }

  @Override
  public Optional<JsonNode> capabilities() {
    try {
      return Optional.of(send("GET", "/v1/capabilities", null, Duration.ofSeconds(3)));
    } catch (AgentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String baseUrl() {
    return endpoint.baseUrl().toString();
  }

  @Override
  public List<AgentVm> vms() {
    List<AgentVm> vms = new ArrayList<>();
    send("GET", "/v1/vms", null, null).path("items").forEach(i -> vms.add(AgentVm.of(i)));
    return vms;
  }

  @Override
  public Optional<AgentVm> vm(String vmId) {
    return optional(() -> AgentVm.of(send("GET", "/v1/vms/" + vmId, null, null)));
  }

  @Override
  public AgentVm define(String vmId, AgentVmSpec spec) {
    return AgentVm.of(send("PUT", "/v1/vms/" + vmId, body(spec), null));
  }

  @Override
  public AgentVm start(String vmId) {
    return AgentVm.of(
        send("POST", "/v1/vms/" + vmId + "/start", JSON.createObjectNode(), Duration.ofMinutes(2)));
  }

  @Override
  public AgentVm stop(String vmId, boolean graceful, long timeoutSeconds) {
    ObjectNode body =
        JSON.createObjectNode().put("graceful", graceful).put("timeoutSeconds", timeoutSeconds);
    return AgentVm.of(send("POST", "/v1/vms/" + vmId + "/stop", body, null));
  }

  @Override
  public AgentVm reset(String vmId) {
    return AgentVm.of(send("POST", "/v1/vms/" + vmId + "/reset", JSON.createObjectNode(), null));
  }

  @Override
  public void delete(String vmId) {
    optional(() -> send("DELETE", "/v1/vms/" + vmId, null, Duration.ofMinutes(1)));
  }

  @Override
  public byte[] serialLog(String vmId) {
    return bytes("/v1/vms/" + vmId + "/serial/log");
  }

  @Override
  public AgentVm attachDisk(String vmId, AgentDisk disk) {
    return AgentVm.of(
        send("POST", "/v1/vms/" + vmId + "/disks", body(disk), Duration.ofMinutes(1)));
  }

  @Override
  public void detachDisk(String vmId, String diskId) {
    // The agent waits up to 30 s for the guest to release the device.
    optional(
        () -> send("DELETE", "/v1/vms/" + vmId + "/disks/" + diskId, null, Duration.ofMinutes(1)));
  }

  @Override
  public EventBatch events(long after, int timeoutSeconds) {
    JsonNode reply =
        send(
            "GET",
            "/v1/events?after=" + after + "&timeoutSeconds=" + timeoutSeconds,
            null,
            Duration.ofSeconds(timeoutSeconds + 10L));
    List<JsonNode> events = new ArrayList<>();
    reply.path("events").forEach(events::add);
    return new EventBatch(
        events, reply.path("lastSeq").asLong(after), reply.path("resync").asBoolean(false));
  }

  @Override
  public Optional<JsonNode> storageObject(String collection, String uid) {
    return optional(() -> send("GET", "/v1/storage/" + collection + "/" + uid, null, null));
  }

  @Override
  public PoolFile createDisk(DiskCreateRequest request) {
    return PoolFile.of(send("POST", "/v1/storage/disks", body(request), Duration.ofMinutes(10)));
  }

  @Override
  public void deleteStorageObject(String collection, String uid) {
    optional(() -> send("DELETE", "/v1/storage/" + collection + "/" + uid, null, null));
  }

  @Override
  public AgentJob importImage(ImageImportRequest request) {
    return AgentJob.of(send("POST", "/v1/storage/imports", body(request), null));
  }

  @Override
  public Optional<AgentJob> job(String jobId) {
    return optional(() -> AgentJob.of(send("GET", "/v1/storage/jobs/" + jobId, null, null)));
  }

  @Override
  public AgentMigration prepareIncoming(IncomingMigration request) {
    // The target starts its QEMU before it answers.
    return AgentMigration.of(
        send("POST", "/v1/migrations/incoming", body(request), Duration.ofMinutes(2)));
  }

  @Override
  public AgentMigration migrate(String vmId, MigrationSend request) {
    return AgentMigration.of(
        send("POST", "/v1/vms/" + vmId + "/migrate", body(request), Duration.ofMinutes(1)));
  }

  @Override
  public List<AgentMigration> migrations() {
    List<AgentMigration> found = new ArrayList<>();
    send("GET", "/v1/migrations", null, null)
        .path("items")
        .forEach(i -> found.add(AgentMigration.of(i)));
    return found;
  }

  @Override
  public Optional<AgentMigration> migration(String migrationId) {
    return optional(
        () -> AgentMigration.of(send("GET", "/v1/migrations/" + migrationId, null, null)));
  }

  @Override
  public void cancelMigration(String migrationId) {
    optional(() -> send("DELETE", "/v1/migrations/" + migrationId, null, Duration.ofMinutes(1)));
  }

  @Override
  public AgentMigration updateMigration(String migrationId, MigrationChange change) {
    return AgentMigration.of(send("PATCH", "/v1/migrations/" + migrationId, body(change), null));
  }

  private static <T> Optional<T> optional(java.util.function.Supplier<T> call) {
    try {
      return Optional.of(call.get());
    } catch (AgentException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private byte[] bytes(String path) {
    HttpResponse<byte[]> response =
        exchange(request(path, null).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() >= 400) {
      throw new AgentException(response.statusCode(), new String(response.body()));
    }
    return response.body();
  }

  /** A typed request body as the agent's JSON. */
  private static JsonNode body(Object request) {
    return JSON.valueToTree(request);
  }

  private JsonNode send(String method, String path, JsonNode body, Duration timeout) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString());
    HttpRequest request =
        request(path, timeout)
            .header("Content-Type", "application/json")
            .method(method, publisher)
            .build();
    HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
    JsonNode reply;
    try {
      reply = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AgentException(response.statusCode(), "unreadable reply: " + response.body());
    }
    if (response.statusCode() >= 400) {
      throw new AgentException(
          response.statusCode(),
          method + " " + path + ": " + reply.path("error").asText(response.body()));
    }
    return reply;
  }

  private HttpRequest.Builder request(String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
        .timeout(timeout == null ? Duration.ofSeconds(30) : timeout)
        .header("Authorization", "Bearer " + endpoint.token());
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return HTTP.send(request, handler);
    } catch (IOException e) {
      throw new AgentException(0, endpoint.nodeName() + " agent unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(0, "interrupted");
    }
  }
}
