package io.vmconsole.api.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Iterator;
import java.util.TreeSet;

/** Comparison of JSON values the way the API server treats them, and the order of change paths. */
final class JsonValues {

  /**
   * Paths segment by segment, numeric segments as numbers, so blockDeviceRefs.2 comes before
   * blockDeviceRefs.10 and "cpu" before "cpu.cores".
   */
  static final Comparator<String> PATH_ORDER = JsonValues::comparePaths;

  private JsonValues() {}

  /**
   * The value, or null when it is absent: missing, JSON null, or an empty object or list. Go's
   * omitempty writes those all as nothing, so {@code nodeSelector: {}} is not a change from no
   * nodeSelector.
   */
  static JsonNode present(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isContainerNode() && node.isEmpty() ? null : node;
  }

  static JsonNode field(JsonNode parent, String name) {
    return parent == null ? null : present(parent.get(name));
  }

  /** Equal as values: 60 equals 60L and 60.0, absent equals empty, key order does not count. */
  static boolean same(JsonNode first, JsonNode second) {
    JsonNode a = present(first);
    JsonNode b = present(second);
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      TreeSet<String> names = fieldNames(a, b);
      return names.stream().allMatch(n -> same(a.get(n), b.get(n)));
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** The field names of both objects, sorted, so every walk over them is in the same order. */
  static TreeSet<String> fieldNames(JsonNode a, JsonNode b) {
    TreeSet<String> names = new TreeSet<>();
    for (JsonNode n : new JsonNode[] {a, b}) {
      if (n != null && n.isObject()) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
      }
    }
    return names;
  }

  private static int comparePaths(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = compareSegments(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static int compareSegments(String a, String b) {
    boolean na = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
    boolean nb = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
    if (na && nb) {
      int c = Integer.compare(a.length(), b.length());
      return c != 0 ? c : a.compareTo(b);
    }
    return a.compareTo(b);
  }
}
