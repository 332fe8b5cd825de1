package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A status's conditions being rebuilt: a transition time changes only when the status does. */
final class Conditions {
  private final JsonNode previous;
  private final Map<String, ObjectNode> conditions = new LinkedHashMap<>();
  private final String now;
  private final long generation;

  Conditions(JsonNode previousConditions, long generation, Instant now) {
    this.previous = previousConditions;
    this.generation = generation;
    this.now = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  Conditions set(String type, boolean status, String reason, String message) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("type", type).put("status", status ? "True" : "False").put("reason", reason)
        .put("message", message == null ? "" : message).put("observedGeneration", generation);
    String since = now;
    for (JsonNode old : previous == null ? JsonNodeFactory.instance.arrayNode() : previous) {
      if (type.equals(old.path("type").asText()) && c.path("status").equals(old.path("status"))) {
        since = old.path("lastTransitionTime").asText(now);
      }
    }
    c.put("lastTransitionTime", since);
    conditions.put(type, c);
    return this;
  }

  /** Carries a condition another writer owns over unchanged (nothing when it was never set). */
  Conditions keep(String type) {
    for (JsonNode old : previous == null ? JsonNodeFactory.instance.arrayNode() : previous) {
      if (type.equals(old.path("type").asText()) && old.isObject()) {
        conditions.put(type, ((ObjectNode) old).deepCopy());
      }
    }
    return this;
  }

  ArrayNode toArray() {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    conditions.values().forEach(array::add);
    return array;
  }
}
