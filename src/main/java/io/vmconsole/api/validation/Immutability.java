package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** The "spec can't change after creation" rule that several kinds share. */
final class Immutability {

  private Immutability() {}

  /** On update, the field at path must equal the stored one. */
  static void unchanged(JsonNode object, JsonNode old, String path, Errors errors) {
    if (old == null) {
      return;
    }
    JsonNode now = orNull(Json.at(object, path));
    JsonNode before = orNull(Json.at(old, path));
    if (!now.equals(before)) {
      errors.add(path, "is immutable: it can't change after creation");
    }
  }

  private static JsonNode orNull(JsonNode n) {
    return n == null ? NullNode.getInstance() : n;
  }
}
