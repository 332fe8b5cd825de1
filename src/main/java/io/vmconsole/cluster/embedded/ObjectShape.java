package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON types of the envelope every object shares (apiVersion, kind, metadata), checked before
 * anything reads it: a kube-apiserver decodes these into Go structs and answers 400 when a type is
 * wrong, and so does this server, instead of failing on {@code metadata: "x"} further in. A null
 * stands for an absent field, as in Go, and is dropped. The spec is admission's to judge.
 */
final class ObjectShape {
  private static final List<String> TEXT_FIELDS = List.of("apiVersion", "kind");
  private static final List<String> META_TEXT_FIELDS =
      List.of(
          "name",
          "generateName",
          "namespace",
          "uid",
          "resourceVersion",
          "creationTimestamp",
          "deletionTimestamp",
          "selfLink");
  private static final List<String> META_INTEGER_FIELDS =
      List.of("generation", "deletionGracePeriodSeconds");
  private static final List<String> OWNER_TEXT_FIELDS =
      List.of("apiVersion", "kind", "name", "uid");
  private static final List<String> OWNER_BOOLEAN_FIELDS =
      List.of("controller", "blockOwnerDeletion");

  private final List<String> problems = new ArrayList<>();

  private ObjectShape() {}

  /**
   * What is wrong with the envelope's types, each naming its field (empty when nothing is); nulls
   * in it are removed from the object.
   */
  static List<String> problems(ObjectNode object) {
    ObjectShape shape = new ObjectShape();
    shape.check(object);
    return shape.problems;
  }

  private void check(ObjectNode object) {
    for (String field : TEXT_FIELDS) {
      expect(object, field, field, JsonNodeType.STRING);
    }
    if (!expect(object, "metadata", "metadata", JsonNodeType.OBJECT)) {
      return;
    }
    ObjectNode meta = (ObjectNode) object.get("metadata");
    for (String field : META_TEXT_FIELDS) {
      expect(meta, field, "metadata." + field, JsonNodeType.STRING);
    }
    for (String field : META_INTEGER_FIELDS) {
      if (expect(meta, field, "metadata." + field, JsonNodeType.NUMBER)
          && !(meta.get(field).isIntegralNumber() && meta.get(field).canConvertToLong())) {
        problems.add("metadata." + field + ": must be an integer (got " + meta.get(field) + ")");
      }
    }
    stringMap(meta, "labels");
    stringMap(meta, "annotations");
    if (expect(meta, "finalizers", "metadata.finalizers", JsonNodeType.ARRAY)) {
      JsonNode finalizers = meta.get("finalizers");
      for (int i = 0; i < finalizers.size(); i++) {
        if (!finalizers.get(i).isTextual()) {
          problems.add(
              "metadata.finalizers["
                  + i
                  + "]: must be a string (got "
                  + typeOf(finalizers.get(i))
                  + ")");
        }
      }
    }
    if (expect(meta, "ownerReferences", "metadata.ownerReferences", JsonNodeType.ARRAY)) {
      JsonNode owners = meta.get("ownerReferences");
      for (int i = 0; i < owners.size(); i++) {
        String at = "metadata.ownerReferences[" + i + "]";
        if (!(owners.get(i) instanceof ObjectNode owner)) {
          problems.add(at + ": must be an object (got " + typeOf(owners.get(i)) + ")");
          continue;
        }
        OWNER_TEXT_FIELDS.forEach(f -> expect(owner, f, at + "." + f, JsonNodeType.STRING));
        OWNER_BOOLEAN_FIELDS.forEach(f -> expect(owner, f, at + "." + f, JsonNodeType.BOOLEAN));
      }
    }
    expect(meta, "managedFields", "metadata.managedFields", JsonNodeType.ARRAY);
  }

  private void stringMap(ObjectNode meta, String field) {
    if (!expect(meta, field, "metadata." + field, JsonNodeType.OBJECT)) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : meta.get(field).properties()) {
      if (!e.getValue().isTextual()) {
        problems.add(
            "metadata."
                + field
                + "."
                + e.getKey()
                + ": must be a string (got "
                + typeOf(e.getValue())
                + ")");
      }
    }
  }

  /** True when the field is there with the type; a null is dropped, another type is a problem. */
  private boolean expect(ObjectNode parent, String field, String path, JsonNodeType type) {
    JsonNode value = parent.get(field);
    if (value == null) {
      return false;
    }
    if (value.isNull()) {
      parent.remove(field);
      return false;
    }
    if (value.getNodeType() != type) {
      problems.add(path + ": must be " + name(type) + " (got " + typeOf(value) + ")");
      return false;
    }
    return true;
  }

  private static String typeOf(JsonNode value) {
    return value.isNull() ? "null" : name(value.getNodeType());
  }

  private static String name(JsonNodeType type) {
    return switch (type) {
      case OBJECT -> "an object";
      case ARRAY -> "a list";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> type.name().toLowerCase();
    };
  }
}
