package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;

/**
 * The four patch types a cluster accepts. JSON patch is zjsonpatch's (already on the classpath via
 * fabric8); merge patch is RFC 7386, short enough that no library is worth it. Strategic merge
 * patch and server-side apply are both served as merge patches: our kinds are CRDs (where a cluster
 * does the same for strategic merge) and the core kinds we keep only get scalar edits (cordon,
 * labels).
 */
final class Patches {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  enum Type {
    JSON_PATCH,
    MERGE,
    STRATEGIC_MERGE,
    APPLY;

    static Type fromContentType(String contentType) {
      String ct = contentType == null ? "" : contentType.toLowerCase();
      if (ct.startsWith("application/json-patch+json")) {
        return JSON_PATCH;
      }
      if (ct.startsWith("application/strategic-merge-patch+json")) {
        return STRATEGIC_MERGE;
      }
      if (ct.startsWith("application/apply-patch")) {
        return APPLY;
      }
      if (ct.startsWith("application/merge-patch+json")) {
        return MERGE;
      }
      return null;
    }
  }

  /** A patch that cannot be applied; the server answers 422. */
  static final class PatchFailure extends Exception {
    PatchFailure(String message) {
      super(message);
    }
  }

  private Patches() {}

  /** A JSON object from its text; anything else is an {@link IllegalArgumentException}. */
  static ObjectNode parseObject(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return (ObjectNode) n;
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Applies a patch body to a copy of {@code target}; {@code target} itself is never changed. */
  static ObjectNode apply(Type type, ObjectNode target, String body) throws PatchFailure {
    try {
      switch (type) {
        case JSON_PATCH:
          // RFC 6902: removing a missing member is an error (zjsonpatch ignores it unless told).
          JsonNode result =
              JsonPatch.apply(
                  JSON.readTree(body),
                  target,
                  EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT));
          if (!result.isObject()) {
            throw new PatchFailure("the patch result is not an object");
          }
          return (ObjectNode) result;
        case APPLY:
          return (ObjectNode) mergePatch(target.deepCopy(), YAML.readTree(body));
        case STRATEGIC_MERGE:
          return (ObjectNode) mergePatch(target.deepCopy(), withoutDirectives(JSON.readTree(body)));
        default:
          return (ObjectNode) mergePatch(target.deepCopy(), JSON.readTree(body));
      }
    } catch (JsonPatchException | IllegalArgumentException e) {
      throw new PatchFailure(e.getMessage());
    } catch (IOException e) {
      throw new PatchFailure("the patch is not valid: " + e.getMessage());
    }
  }

  /**
   * RFC 7386: objects merge key by key, null deletes a key, anything else (arrays too) replaces.
   */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject() ? (ObjectNode) target : JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  // Strategic merge directives ($patch, $retainKeys, $setElementOrder/...) mean nothing to a merge
  // patch.
  private static JsonNode withoutDirectives(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      o.properties().removeIf(e -> e.getKey().startsWith("$"));
      o.forEach(Patches::withoutDirectives);
    } else if (node.isArray()) {
      node.forEach(Patches::withoutDirectives);
    }
    return node;
  }
}
