package io.vmconsole.nodeagent.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.concurrent.CompletionStage;

/** Request bodies of the storage calls: a JSON object, each field checked with its name. */
final class StorageJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_BODY = 64 * 1024;

  private StorageJson() {}

  static CompletionStage<JsonNode> body(HttpServerRequest req) {
    return req.body()
        .toCompletionStage()
        .thenApply(
            buf -> {
              if (buf.length() > MAX_BODY) {
                throw StorageError.badRequest("body", "request body is larger than 64 KiB");
              }
              try {
                JsonNode node = MAPPER.readTree(buf.getBytes());
                if (node == null || !node.isObject()) {
                  throw StorageError.badRequest("body", "request body must be a JSON object");
                }
                return node;
              } catch (JsonProcessingException e) {
                throw StorageError.badRequest("body", "malformed JSON: " + e.getOriginalMessage());
              } catch (IOException e) {
                throw StorageError.badRequest("body", "unreadable body: " + e.getMessage());
              }
            });
  }

  /** A string field, or null when absent; 400 when present with another type. */
  static String text(JsonNode obj, String name, String field) {
    JsonNode v = obj.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw StorageError.badRequest(field, field + " must be a string");
    }
    return v.asText();
  }

  /** A disk size ({@link DiskOps#requireSize}), or -1 when absent. */
  static long size(JsonNode obj, String name, String field) {
    long v = count(obj, name, field);
    return v < 0 ? v : DiskOps.requireSize(v, field);
  }

  /** A whole number of bytes up to {@link DiskOps#MAX_SIZE}, or -1 when absent. */
  static long count(JsonNode obj, String name, String field) {
    JsonNode v = obj.get(name);
    if (v == null || v.isNull()) {
      return -1;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw StorageError.badRequest(field, field + " must be a whole number of bytes");
    }
    if (v.asLong() < 0 || v.asLong() > DiskOps.MAX_SIZE) {
      throw StorageError.badRequest(field, field + " must be between 0 and " + DiskOps.MAX_SIZE);
    }
    return v.asLong();
  }

  static JsonNode object(JsonNode obj, String name, String field) {
    JsonNode v = obj.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw StorageError.badRequest(field, field + " must be an object");
    }
    return v;
  }
}
