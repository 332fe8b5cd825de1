package io.vmconsole.api.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The base of the typed read views over stored objects ({@code VmObject}, {@code DiskObject}, …):
 * what every object's metadata says. A view wraps the JSON as a cache or a read gave it and never
 * changes it; only its subclass knows where its kind's fields live.
 */
public abstract class StoredObject {
  /** Reads parts of an object into our records; fields a record does not know are skipped. */
  protected static final ObjectMapper RECORDS =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  protected final JsonNode json;

  protected StoredObject(JsonNode json) {
    this.json = json == null ? MissingNode.getInstance() : json;
  }

  /**
   * The object as stored. For the code that writes it back (a status writer, an update through the
   * resource accessors) and for agents' and events' calls that take the object; a rule over its
   * fields belongs in a typed accessor instead.
   */
  public JsonNode json() {
    return json;
  }

  public String apiVersion() {
    return json.path("apiVersion").asText();
  }

  public String kind() {
    return json.path("kind").asText();
  }

  public String name() {
    return metadata().path("name").asText();
  }

  /** metadata.namespace; empty for a cluster-scoped object. */
  public String namespace() {
    return metadata().path("namespace").asText();
  }

  /** "namespace/name", or "/name" for a cluster-scoped object: the work queues' key. */
  public String key() {
    return namespace() + "/" + name();
  }

  public String uid() {
    return metadata().path("uid").asText();
  }

  /** metadata.generation; 1 when absent (an object is stored with generation 1). */
  public long generation() {
    return metadata().path("generation").asLong(1);
  }

  /** metadata.creationTimestamp as stored (RFC 3339, seconds: its text order is its time order). */
  public String creationTimestamp() {
    return metadata().path("creationTimestamp").asText();
  }

  /** metadata.resourceVersion as a number; 0 when absent or not a number. */
  public long resourceVersion() {
    try {
      return Long.parseLong(metadata().path("resourceVersion").asText());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public Map<String, String> labels() {
    return StringMaps.of(metadata().path("labels"));
  }

  /** metadata.labels[key], empty when absent. */
  public String label(String key) {
    return metadata().path("labels").path(key).asText("");
  }

  /** metadata.annotations[key]; empty when absent or not text. */
  public Optional<String> annotation(String key) {
    JsonNode value = metadata().path("annotations").path(key);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  /**
   * An annotation that holds a record as JSON text, read as that record; empty when absent or not
   * readable as one (a hand-edited value is ignored rather than failing the reconcile).
   */
  public <T> Optional<T> annotationAs(String key, Class<T> type) {
    return annotation(key)
        .flatMap(
            text -> {
              try {
                return Optional.ofNullable(RECORDS.readValue(text, type));
              } catch (java.io.IOException e) {
                return Optional.empty();
              }
            });
  }

  public boolean hasFinalizer(String finalizer) {
    for (JsonNode f : metadata().path("finalizers")) {
      if (f.asText().equals(finalizer)) {
        return true;
      }
    }
    return false;
  }

  /** The uids of metadata.ownerReferences. */
  public List<String> ownerUids() {
    List<String> uids = new ArrayList<>();
    metadata().path("ownerReferences").forEach(o -> uids.add(o.path("uid").asText()));
    return uids;
  }

  /** Whether deletion has begun (finalizers still hold the object). */
  public boolean deleting() {
    return metadata().hasNonNull("deletionTimestamp");
  }

  /** status.conditions, as read. */
  public List<ConditionView> conditions() {
    List<ConditionView> found = new ArrayList<>();
    for (JsonNode c : json.path("status").path("conditions")) {
      JsonNode generation = c.path("observedGeneration");
      found.add(
          new ConditionView(
              c.path("type").asText(),
              c.path("status").asText(""),
              c.path("reason").asText(""),
              c.path("message").asText(""),
              c.path("lastTransitionTime").asText(""),
              generation.isNumber() ? generation.asLong() : null));
    }
    return found;
  }

  /** The status condition of that type, if one was written. */
  public Optional<ConditionView> condition(String type) {
    return conditions().stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /** The first False condition's message, empty when none: why the object waits or failed. */
  public String falseConditionMessage() {
    return conditions().stream()
        .filter(c -> c.status().equals("False") && !c.message().isEmpty())
        .map(ConditionView::message)
        .findFirst()
        .orElse("");
  }

  /**
   * The status as the kind's typed record (every field null when there is no status yet), for a
   * writer that changes some fields and keeps the rest.
   */
  protected <S> S statusAs(Class<S> type) {
    JsonNode status = json.path("status");
    return RECORDS.convertValue(
        status.isObject() ? status : JsonNodeFactory.instance.objectNode(), type);
  }

  /** A text field of the status; empty when absent or not text. */
  protected String statusText(String field) {
    return json.path("status").path(field).asText("");
  }

  private JsonNode metadata() {
    return json.path("metadata");
  }

  /** One status condition, as read. */
  public record ConditionView(
      String type,
      String status,
      String reason,
      String message,
      String lastTransitionTime,
      Long observedGeneration) {
    public boolean isTrue() {
      return "True".equals(status);
    }
  }
}
