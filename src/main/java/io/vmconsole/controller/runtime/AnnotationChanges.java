package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Annotations to set (and ones to remove) on an object, applied together to its fresh read. */
public final class AnnotationChanges {
  // A null value removes the key.
  private final Map<String, String> changes = new LinkedHashMap<>();

  public static AnnotationChanges set(String key, String value) {
    return new AnnotationChanges().and(key, value);
  }

  /** Sets the annotation to the record as JSON text (read back by StoredObject.annotationAs). */
  public static AnnotationChanges setJson(String key, Object record) {
    try {
      return set(key, StatusJson.MAPPER.writeValueAsString(record));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not writable as JSON: " + record, e);
    }
  }

  public static AnnotationChanges remove(String key) {
    return new AnnotationChanges().without(key);
  }

  public AnnotationChanges and(String key, String value) {
    changes.put(key, value);
    return this;
  }

  public AnnotationChanges without(String key) {
    changes.put(key, null);
    return this;
  }

  /** Adds {@code key} only when {@code when} holds. */
  public AnnotationChanges andIf(boolean when, String key, String value) {
    return when ? and(key, value) : this;
  }

  /** Applies the changes to an object's JSON (a fresh read about to be written). */
  void applyTo(ObjectNode object) {
    ObjectNode annotations = object.with("metadata").with("annotations");
    changes.forEach(
        (key, value) -> {
          if (value == null) {
            annotations.remove(key);
          } else {
            annotations.put(key, value);
          }
        });
  }
}
