package io.vmconsole.cluster.embedded;

import io.vmconsole.cluster.embedded.store.ObjectKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed Kubernetes resource URL. Parsed once per request so every handler agrees on what the
 * path names, instead of each matching regexes of its own.
 */
record ApiPath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource,
    Map<String, String> query) {

  /**
   * Parses {@code /api/v1/...} and {@code /apis/g/v/...}; null for anything else (discovery etc.).
   */
  static ApiPath parse(String uri) {
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    Map<String, String> query = parseQuery(q < 0 ? "" : uri.substring(q + 1));
    String[] s = trimSlashes(path).split("/");
    int i;
    String group;
    String version;
    if (s.length >= 3 && s[0].equals("api")) {
      group = "";
      version = s[1];
      i = 2;
    } else if (s.length >= 4 && s[0].equals("apis")) {
      group = s[1];
      version = s[2];
      i = 3;
    } else {
      return null;
    }
    String namespace = null;
    int rest = s.length - i;
    if (s[i].equals("namespaces") && rest >= 3 && !isNamespaceSubresource(group, s[i + 2], rest)) {
      namespace = s[i + 1];
      i += 2;
      rest -= 2;
    }
    String plural = s[i];
    String name = rest >= 2 ? s[i + 1] : null;
    String sub = rest >= 3 ? s[i + 2] : null;
    return new ApiPath(group, version, namespace, plural, name, sub, query);
  }

  private static String trimSlashes(String path) {
    int from = 0;
    int to = path.length();
    while (from < to && path.charAt(from) == '/') {
      from++;
    }
    while (to > from && path.charAt(to - 1) == '/') {
      to--;
    }
    return path.substring(from, to);
  }

  // "/api/v1/namespaces/x/status" names the namespace's own subresource, not a kind called
  // "status".
  private static boolean isNamespaceSubresource(String group, String third, int rest) {
    return group.isEmpty() && rest == 3 && (third.equals("status") || third.equals("finalize"));
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      map.put(decode(k), decode(v));
    }
    return map;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  String param(String key) {
    return query.get(key);
  }

  boolean isWatch() {
    String w = query.get("watch");
    return "true".equals(w) || "1".equals(w);
  }

  ApiPath withName(String newName, String newNamespace) {
    return new ApiPath(group, version, newNamespace, plural, newName, null, Map.of());
  }

  /** Where the store keeps the object this path names. */
  ObjectKey key() {
    return new ObjectKey(group, plural, namespace, name);
  }

  /** The store's range of the objects a list of this path reads: one namespace, or all. */
  String listPrefix() {
    return ObjectKey.collectionPrefix(group, plural, namespace);
  }
}
