package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Label selectors (equality and set-based) and field selectors, as predicates on stored objects.
 */
final class Selectors {

  private static final Pattern SET =
      Pattern.compile("\\s*([\\w./-]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
  private static final Pattern EQUALITY =
      Pattern.compile("\\s*([\\w./-]+)\\s*(==|=|!=)\\s*([\\w./-]*)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*([\\w./-]+)\\s*");

  private Selectors() {}

  /** Thrown for a selector a cluster would reject with 400. */
  static final class InvalidSelector extends IllegalArgumentException {
    InvalidSelector(String message) {
      super(message);
    }
  }

  static Predicate<JsonNode> labels(String selector) {
    Predicate<JsonNode> all = o -> true;
    if (selector == null || selector.isBlank()) {
      return all;
    }
    for (String requirement : splitTopLevel(selector)) {
      Predicate<JsonNode> p = labelRequirement(requirement);
      all = all.and(p);
    }
    return all;
  }

  static Predicate<JsonNode> fields(String selector) {
    Predicate<JsonNode> all = o -> true;
    if (selector == null || selector.isBlank()) {
      return all;
    }
    for (String requirement : selector.split(",")) {
      Matcher m = EQUALITY.matcher(requirement);
      if (!m.matches()) {
        throw new InvalidSelector("invalid field selector: " + requirement);
      }
      JsonPathExpression path = JsonPathExpression.compile("." + m.group(1));
      String value = m.group(3);
      boolean negate = m.group(2).equals("!=");
      all =
          all.and(
              o -> {
                JsonNode v = path.first(o);
                boolean eq = (v == null ? "" : v.asText()).equals(value);
                return eq != negate;
              });
    }
    return all;
  }

  private static Predicate<JsonNode> labelRequirement(String requirement) {
    Matcher m = SET.matcher(requirement);
    if (m.matches()) {
      String key = m.group(1);
      Set<String> values = Set.copyOf(trimAll(m.group(3).split(",")));
      boolean in = m.group(2).equals("in");
      return o -> {
        String v = label(o, key);
        // notin also matches objects without the label, as on a cluster.
        return in ? v != null && values.contains(v) : v == null || !values.contains(v);
      };
    }
    m = EQUALITY.matcher(requirement);
    if (m.matches()) {
      String key = m.group(1);
      String value = m.group(3);
      boolean negate = m.group(2).equals("!=");
      return o -> negate ? !value.equals(label(o, key)) : value.equals(label(o, key));
    }
    m = EXISTS.matcher(requirement);
    if (m.matches()) {
      String key = m.group(2);
      boolean negate = !m.group(1).isEmpty();
      return o -> (label(o, key) != null) != negate;
    }
    throw new InvalidSelector("unable to parse requirement: " + requirement);
  }

  private static String label(JsonNode o, String key) {
    JsonNode v = o.path("metadata").path("labels").get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> trimAll(String[] parts) {
    List<String> r = new ArrayList<>();
    for (String p : parts) {
      if (!p.isBlank()) {
        r.add(p.trim());
      }
    }
    return r;
  }

  // Commas separate requirements, except inside the parentheses of a set.
  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }
}
