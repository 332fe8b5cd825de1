package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

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

  /** The same tree as the API's parse of its text would give. */
  static JsonNode parsed(JsonNode node) {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
