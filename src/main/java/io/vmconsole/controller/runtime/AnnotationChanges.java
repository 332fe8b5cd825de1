package io.vmconsole.controller.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** Annotations to set (and ones to remove) on an object, applied together to its fresh read. */
public final class AnnotationChanges {
  // A null value removes the key.
  private final Map<String, String> changes = new LinkedHashMap<>();

  public static AnnotationChanges set(String key, String value) {
    return new AnnotationChanges().and(key, value);
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

  Map<String, String> changes() {
    return changes;
  }
}
