package io.vmconsole.nodeagent.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A route path with {@code {name}} segments, e.g. {@code /v1/vms/{vmId}/start}. A parameter matches
 * exactly one non-empty segment, so {@code /v1/vms/{vmId}} never swallows {@code /v1/vms/x/start}.
 */
public final class PathTemplate {
  private final String[] segments;

  public PathTemplate(String template) {
    this.segments = template.split("/", -1);
  }

  public static boolean isTemplate(String path) {
    return path.contains("{");
  }

  /** The parameters when {@code path} matches, else empty. */
  public Optional<Map<String, String>> match(String path) {
    String[] parts = path.split("/", -1);
    if (parts.length != segments.length) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String s = segments[i];
      if (s.startsWith("{") && s.endsWith("}")) {
        if (parts[i].isEmpty()) {
          return Optional.empty();
        }
        params.put(s.substring(1, s.length() - 1), parts[i]);
      } else if (!s.equals(parts[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  /** One parameter of a path that is known to match (the server only dispatches matching paths). */
  public String param(String path, String name) {
    return match(path)
        .map(m -> m.get(name))
        .orElseThrow(() -> new IllegalArgumentException(path + " does not match"));
  }
}
