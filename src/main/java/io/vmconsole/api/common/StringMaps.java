package io.vmconsole.api.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object of strings (labels, annotations, a node selector) read as a map. */
public final class StringMaps {
  private StringMaps() {}

  /** The object's fields in order, each value as text; empty when the node is not an object. */
  public static Map<String, String> of(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    if (object != null && object.isObject()) {
      object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }
}
