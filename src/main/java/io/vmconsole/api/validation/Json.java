package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Small readers over raw JSON; missing and null count the same, as they do for the API server. */
final class Json {

  private Json() {}

  static boolean present(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    return n != null && !n.isNull() && !n.isMissingNode();
  }

  /** The text of a string field, null when absent or not a string. */
  static String text(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    return n != null && n.isTextual() ? n.asText() : null;
  }

  static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      n = n == null ? null : n.get(part);
    }
    return n == null || n.isNull() ? null : n;
  }

  /** The object at field, created when absent. */
  static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(field);
  }

  static void defaultText(ObjectNode parent, String field, String value) {
    if (!present(parent, field)) {
      parent.put(field, value);
    }
  }

  /** Requires a string field whose value is one of the allowed ones (when required or present). */
  static String requireEnum(
      JsonNode parent,
      String field,
      String path,
      boolean required,
      List<String> allowed,
      Errors errors) {
    if (!present(parent, field)) {
      if (required) {
        errors.add(path, "is required");
      }
      return null;
    }
    String value = text(parent, field);
    if (value == null || !allowed.contains(value)) {
      errors.add(
          path,
          "must be one of " + String.join(", ", allowed) + " (got " + parent.get(field) + ")");
      return null;
    }
    return value;
  }

  /** Requires a non-empty string field. */
  static String requireText(JsonNode parent, String field, String path, Errors errors) {
    String value = text(parent, field);
    if (value == null || value.isEmpty()) {
      errors.add(path, "is required");
      return null;
    }
    return value;
  }
}
