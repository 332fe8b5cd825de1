package io.vmconsole.api.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base of the typed read views over stored objects ({@code VmObject}, {@code VmopObject}, …): what
 * every object's metadata says. A view wraps the JSON as a cache or a read gave it and never changes it;
 * only its subclass knows where its kind's fields live.
 */
public abstract class StoredObject {
  protected final JsonNode json;

  protected StoredObject(JsonNode json) {
    this.json = json == null ? MissingNode.getInstance() : json;
  }

  public String name() {
    return json.path("metadata").path("name").asText();
  }

  /** metadata.namespace; empty for a cluster-scoped object. */
  public String namespace() {
    return json.path("metadata").path("namespace").asText();
  }

  public String uid() {
    return json.path("metadata").path("uid").asText();
  }

  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    json.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /** metadata.labels[key], empty when absent. */
  public String label(String key) {
    return json.path("metadata").path("labels").path(key).asText("");
  }

  /** Whether deletion has begun (finalizers still hold the object). */
  public boolean deleting() {
    return json.path("metadata").hasNonNull("deletionTimestamp");
  }
}
