package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeSet;

/**
 * A minimal OpenAPI v3 index: one PATCH operation per kind that declares the {@code
 * fieldValidation} query parameter. That is what kubectl 1.27+ (apply, create, replace) checks to
 * trust server-side validation; without it kubectl validates with the OpenAPI v2 document ({@link
 * OpenApiV2}), as older ones do. The PATCH bodies list no strategic merge type, so kubectl apply
 * sends merge patches, as for CRDs.
 */
final class OpenApi {

  private static final String ROOT = "/openapi/v3";

  private final KindRegistry kinds;

  OpenApi(KindRegistry kinds) {
    this.kinds = kinds;
  }

  /** The document for an OpenAPI path, or null when the path is not one we serve. */
  JsonNode answer(String path) {
    if (path.equals(ROOT) || path.equals(ROOT + "/")) {
      return root();
    }
    if (!path.startsWith(ROOT + "/")) {
      return null;
    }
    String gv = path.substring(ROOT.length() + 1);
    return groupVersion(gv);
  }

  private JsonNode root() {
    ObjectNode doc = Patches.JSON.createObjectNode();
    ObjectNode paths = doc.putObject("paths");
    TreeSet<String> gvs = new TreeSet<>();
    kinds.all().forEach(k -> gvs.add(gvPath(k)));
    gvs.forEach(gv -> paths.putObject(gv).put("serverRelativeURL", ROOT + "/" + gv));
    return doc;
  }

  private JsonNode groupVersion(String gv) {
    ObjectNode doc = Patches.JSON.createObjectNode().put("openapi", "3.0.0");
    doc.putObject("info").put("title", "vm-console embedded API").put("version", gv);
    ObjectNode paths = doc.putObject("paths");
    boolean any = false;
    for (ResourceKind k : kinds.all()) {
      if (!gvPath(k).equals(gv)) {
        continue;
      }
      any = true;
      String url =
          "/" + gv + (k.namespaced() ? "/namespaces/{namespace}/" : "/") + k.plural() + "/{name}";
      ObjectNode patch = paths.putObject(url).putObject("patch");
      patch
          .putObject("x-kubernetes-group-version-kind")
          .put("group", k.group())
          .put("version", k.version())
          .put("kind", k.kind());
      patch
          .putArray("parameters")
          .addObject()
          .put("name", "fieldValidation")
          .put("in", "query")
          .putObject("schema")
          .put("type", "string");
      ObjectNode content = patch.putObject("requestBody").putObject("content");
      content.putObject("application/json-patch+json").putObject("schema").put("type", "object");
      content.putObject("application/merge-patch+json").putObject("schema").put("type", "object");
      content.putObject("application/apply-patch+yaml").putObject("schema").put("type", "object");
    }
    return any ? doc : null;
  }

  private static String gvPath(ResourceKind k) {
    return k.group().isEmpty() ? "api/" + k.version() : "apis/" + k.group() + "/" + k.version();
  }
}
