package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading and editing {@code metadata.finalizers} of an object in hand (the caller writes it). */
public final class Finalizers {
  private Finalizers() {}

  static boolean has(JsonNode object, String finalizer) {
    for (JsonNode f : object.path("metadata").path("finalizers")) {
      if (f.asText().equals(finalizer)) {
        return true;
      }
    }
    return false;
  }

  public static void add(ObjectNode object, String finalizer) {
    if (!has(object, finalizer)) {
      object.with("metadata").withArray("finalizers").add(finalizer);
    }
  }

  /**
   * @return whether it was there
   */
  public static boolean remove(ObjectNode object, String finalizer) {
    if (!has(object, finalizer)) {
      return false;
    }
    ArrayNode finalizers = object.with("metadata").withArray("finalizers");
    boolean had = false;
    for (int i = finalizers.size() - 1; i >= 0; i--) {
      if (finalizers.get(i).asText().equals(finalizer)) {
        finalizers.remove(i);
        had = true;
      }
    }
    return had;
  }
}
