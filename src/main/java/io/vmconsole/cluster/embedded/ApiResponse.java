package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.cluster.embedded.Statuses.Failure;
import java.util.ArrayList;
import java.util.List;

/**
 * What the API answers: a status code, a body serialised once (on the pipeline's worker, not the
 * event loop), and the {@code Warning} headers admission asked for.
 */
final class ApiResponse {

  private final int code;
  private final String contentType;
  private final List<String> warnings = new ArrayList<>();
  private JsonNode tree;
  private byte[] body;

  private ApiResponse(int code, String contentType, JsonNode tree, byte[] body) {
    this.code = code;
    this.contentType = contentType;
    this.tree = tree;
    this.body = body;
  }

  /**
   * A JSON answer. It is serialised by {@link #body()}, after the store's lock is released: stored
   * objects never change, so the tree may be read outside it.
   */
  static ApiResponse json(int code, JsonNode body) {
    return new ApiResponse(code, "application/json", body, null);
  }

  static ApiResponse of(Failure failure) {
    return json(failure.code(), failure.body());
  }

  static ApiResponse bytes(int code, String contentType, byte[] body) {
    return new ApiResponse(code, contentType, null, body);
  }

  /** Adds a warning, sent as {@code Warning: 299 - "text"} (kubectl prints "Warning: text"). */
  ApiResponse warn(String warning) {
    warnings.add(warning);
    return this;
  }

  int code() {
    return code;
  }

  String contentType() {
    return contentType;
  }

  /** The body's bytes, serialised on the first call. */
  byte[] body() {
    if (body == null) {
      try {
        body = Patches.JSON.writeValueAsBytes(tree);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a tree always serialises", e);
      }
      tree = null;
    }
    return body;
  }

  /** The {@code Warning} header values. */
  List<String> warningHeaders() {
    return warnings.stream()
        .map(w -> "299 - \"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .toList();
  }
}
