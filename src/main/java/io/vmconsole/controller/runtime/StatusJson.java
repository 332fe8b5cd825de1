package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.common.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Typed statuses as the API stores them. A status compares equal to the stored one only as parsed
 * JSON: a tree built from objects keeps a {@code long} as a long where the API's parse has an int,
 * so both sides go through text before they are compared.
 */
final class StatusJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private StatusJson() {}

  /** The status as the API would store it (absent fields stay absent: the records say NON_NULL). */
  static JsonNode tree(Object status) {
    return parsed(MAPPER.valueToTree(status));
  }

  /**
   * The object with the status given, to write, when that differs from the status it has; empty
   * when it has that status already.
   */
  static Optional<ObjectNode> withStatus(StoredObject object, Object status) {
    JsonNode wanted = tree(status);
    if (wanted.equals(parsed(object.json().path("status")))) {
      return Optional.empty();
    }
    ObjectNode copy = object.json().deepCopy();
    copy.set("status", wanted);
    return Optional.of(copy);
  }

  /** The same tree as the API's parse of its text would give. */
  static JsonNode parsed(JsonNode node) {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
