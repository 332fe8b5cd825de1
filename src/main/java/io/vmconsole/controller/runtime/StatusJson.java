package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.common.StoredObject;
import java.util.Comparator;
import java.util.Optional;

/**
 * Typed statuses as the API stores them. A tree built from objects keeps a {@code long} as a long
 * where the API's parse of the same text has an int, so statuses are compared value by value, a
 * number by its text ({@link #same}). (They were both written to bytes and parsed again before each
 * comparison: with 20 idle VMs that was a third of what the controller allocated.)
 */
final class StatusJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static final Comparator<JsonNode> SAME_TEXT =
      (a, b) ->
          a.equals(b) || (a.isNumber() && b.isNumber() && a.asText().equals(b.asText())) ? 0 : 1;

  private StatusJson() {}

  /** The status as a tree (absent fields stay absent: the records say NON_NULL). */
  static JsonNode tree(Object status) {
    return MAPPER.valueToTree(status);
  }

  /** True when both trees hold the same JSON text, whatever node types the numbers have. */
  static boolean same(JsonNode a, JsonNode b) {
    return a.equals(SAME_TEXT, b);
  }

  /**
   * The object with the status given, to write, when that differs from the status it has; empty
   * when it has that status already.
   */
  static Optional<ObjectNode> withStatus(StoredObject object, Object status) {
    JsonNode wanted = tree(status);
    if (same(wanted, object.json().path("status"))) {
      return Optional.empty();
    }
    ObjectNode copy = object.json().deepCopy();
    copy.set("status", wanted);
    return Optional.of(copy);
  }
}
