package io.vmconsole.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates and status writes for the hot paths (IP allocation), sent as JSON over the client's own
 * HTTP client (its TLS, credentials and retries), and answered as JSON trees.
 *
 * <p>Why not the client's resource DSL: per request it copies the object through JSON, builds the
 * URL with regular expressions and decodes the answer into typed objects by reflection; with 10,000
 * allocations that was a quarter of the process's CPU. Errors are the client's own {@link
 * KubernetesClientException}, with the HTTP code and the API's Status, so callers handle 404 and
 * 409 as with the DSL.
 */
final class DirectWrites {
  private static final ObjectMapper JSON = Serialization.jsonMapper();
  private static final String JSON_PATCH = "application/json-patch+json";

  private final HttpClient http;
  private final String base;
  private final long timeoutMillis;

  DirectWrites(KubernetesClient client) {
    this.http = client.getHttpClient();
    String master = client.getConfiguration().getMasterUrl();
    this.base = master.endsWith("/") ? master.substring(0, master.length() - 1) : master;
    this.timeoutMillis = client.getConfiguration().getRequestTimeout();
  }

  /** Creates {@code object} (in its metadata's namespace, if any); answers it as stored. */
  ObjectNode create(ResourceDefinitionContext kind, HasMetadata object) {
    return send(
        http.newHttpRequestBuilder()
            .uri(collection(kind, object.getMetadata().getNamespace()))
            .post("application/json", bytes(object))
            .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .build());
  }

  /**
   * Sets the object's whole status in one request (a JSON patch of {@code /status}): no read first,
   * and fields the new status lacks are gone, which a merge patch would keep. Answers the object as
   * stored.
   */
  ObjectNode replaceStatus(
      ResourceDefinitionContext kind, String namespace, String name, Object status) {
    String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + text(status) + "}]";
    return send(
        http.newHttpRequestBuilder()
            .uri(collection(kind, namespace) + "/" + name + "/status")
            .patch(JSON_PATCH, patch)
            .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .build());
  }

  private String collection(ResourceDefinitionContext kind, String namespace) {
    StringBuilder url = new StringBuilder(base);
    url.append(kind.getGroup() == null || kind.getGroup().isEmpty() ? "/api/" : "/apis/");
    if (kind.getGroup() != null && !kind.getGroup().isEmpty()) {
      url.append(kind.getGroup()).append('/');
    }
    url.append(kind.getVersion());
    if (kind.isNamespaceScoped()) {
      url.append("/namespaces/").append(namespace);
    }
    return url.append('/').append(kind.getPlural()).toString();
  }

  private ObjectNode send(HttpRequest request) {
    HttpResponse<byte[]> response;
    try {
      response = http.sendAsync(request, byte[].class).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted while waiting for " + request.uri(), e);
    } catch (ExecutionException e) {
      throw new KubernetesClientException(
          "request to " + request.uri() + " failed: " + e.getCause().getMessage(), e.getCause());
    }
    byte[] body = response.body();
    if (!response.isSuccessful()) {
      Status status = status(body);
      String message =
          status != null && status.getMessage() != null
              ? status.getMessage()
              : "HTTP " + response.code() + " from " + request.uri();
      throw new KubernetesClientException(message, response.code(), status);
    }
    try {
      return (ObjectNode) JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable answer from " + request.uri(), e);
    }
  }

  private static Status status(byte[] body) {
    try {
      return body == null || body.length == 0 ? null : JSON.readValue(body, Status.class);
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(Object json) {
    try {
      return JSON.writeValueAsString(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Object json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
