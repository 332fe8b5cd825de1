package io.vmconsole.cluster.embedded.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The payloads of the frames: a log record is {@code {"rv":N,"g":group,"p":plural,"ns":namespace,
 * "n":name,"o":object}}, without {@code "o"} for a removal; a snapshot entry is the same with the
 * object's own resourceVersion.
 */
final class Records {

  private Records() {}

  static void write(JsonGenerator json, long resourceVersion, ObjectKey key, ObjectNode object)
      throws IOException {
    json.writeStartObject();
    json.writeNumberField("rv", resourceVersion);
    json.writeStringField("g", key.group());
    json.writeStringField("p", key.plural());
    if (key.namespace() != null) {
      json.writeStringField("ns", key.namespace());
    }
    json.writeStringField("n", key.name());
    if (object != null) {
      json.writeFieldName("o");
      Frames.JSON.writeTree(json, object);
    }
    json.writeEndObject();
  }

  static long resourceVersion(JsonNode record) {
    return record.path("rv").asLong();
  }

  static ObjectKey key(JsonNode record) {
    JsonNode ns = record.get("ns");
    return new ObjectKey(
        record.path("g").asText(),
        record.path("p").asText(),
        ns == null ? null : ns.asText(),
        record.path("n").asText());
  }

  /** The object a record stores, or null when it records a removal. */
  static ObjectNode object(JsonNode record) {
    JsonNode o = record.get("o");
    return o instanceof ObjectNode object ? object : null;
  }
}
