package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The discovery documents kubectl reads before anything else: /version, /api, /apis and group
 * versions.
 */
final class Discovery {

  private static final String[] VERBS = {
    "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"
  };

  private final KindRegistry kinds;
  private final OpenApi openApi;

  Discovery(KindRegistry kinds) {
    this.kinds = kinds;
    this.openApi = new OpenApi(kinds);
  }

  /** The document for a discovery path, or null when the path is not one. */
  JsonNode answer(String uri) {
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    path = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    if (path.startsWith("/openapi/v3")) {
      return openApi.answer(path);
    }
    switch (path) {
      case "/version":
        return Patches.JSON
            .createObjectNode()
            .put("major", "1")
            .put("minor", "32")
            .put("gitVersion", "v1.32.0-vmconsole")
            .put("platform", "linux/amd64");
      case "/api":
        ObjectNode api = Patches.JSON.createObjectNode().put("kind", "APIVersions");
        api.putArray("versions").add("v1");
        api.putArray("serverAddressByClientCIDRs")
            .addObject()
            .put("clientCIDR", "0.0.0.0/0")
            .put("serverAddress", "127.0.0.1");
        return api;
      case "/apis":
        return groups();
      case "/api/v1":
        return resources("", "v1");
      default:
        String[] s = path.split("/");
        if (s.length == 4
            && s[1].equals("apis")
            && kinds.all().stream()
                .anyMatch(k -> k.group().equals(s[2]) && k.version().equals(s[3]))) {
          return resources(s[2], s[3]);
        }
        return null;
    }
  }

  private JsonNode groups() {
    Map<String, TreeSet<String>> versions = new TreeMap<>();
    for (ResourceKind k : kinds.all()) {
      if (!k.group().isEmpty()) {
        versions.computeIfAbsent(k.group(), g -> new TreeSet<>()).add(k.version());
      }
    }
    ObjectNode list =
        Patches.JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    versions.forEach(
        (group, vs) -> {
          ObjectNode g = groups.addObject().put("name", group);
          ArrayNode arr = g.putArray("versions");
          vs.forEach(v -> arr.addObject().put("groupVersion", group + "/" + v).put("version", v));
          String preferred = vs.last();
          g.putObject("preferredVersion")
              .put("groupVersion", group + "/" + preferred)
              .put("version", preferred);
        });
    return list;
  }

  private JsonNode resources(String group, String version) {
    ObjectNode list =
        Patches.JSON
            .createObjectNode()
            .put("kind", "APIResourceList")
            .put("apiVersion", "v1")
            .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    kinds.all().stream()
        .filter(k -> k.group().equals(group) && k.version().equals(version))
        .sorted((a, b) -> a.plural().compareTo(b.plural()))
        .forEach(
            k -> {
              ObjectNode r =
                  resources
                      .addObject()
                      .put("name", k.plural())
                      .put("singularName", k.singular())
                      .put("namespaced", k.namespaced())
                      .put("kind", k.kind());
              ArrayNode verbs = r.putArray("verbs");
              for (String v : VERBS) {
                verbs.add(v);
              }
              if (!k.shortNames().isEmpty()) {
                ArrayNode sn = r.putArray("shortNames");
                k.shortNames().forEach(sn::add);
              }
              if (k.custom()) {
                r.putArray("categories").add("all");
              }
              if (k.statusSubresource()) {
                subresource(resources, k, "status", "get", "patch", "update");
              }
              if (k.group().isEmpty() && k.plural().equals("pods")) {
                subresource(resources, k, "eviction", "create")
                    .put("kind", "Eviction")
                    .put("group", "policy")
                    .put("version", "v1");
              }
            });
    return list;
  }

  private static ObjectNode subresource(
      ArrayNode resources, ResourceKind k, String sub, String... verbs) {
    ObjectNode r =
        resources
            .addObject()
            .put("name", k.plural() + "/" + sub)
            .put("singularName", "")
            .put("namespaced", k.namespaced())
            .put("kind", k.kind());
    ArrayNode v = r.putArray("verbs");
    for (String verb : verbs) {
      v.add(verb);
    }
    return r;
  }
}
