package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of kubectl JSONPath that CRD printer columns use: {@code .a.b}, {@code [n]}, {@code
 * [*]} and filters {@code [?(@.type=='Ready')]}. Written here because no JSONPath library is on the
 * main classpath (json-path comes in with the test starter only).
 */
final class JsonPathExpression {

  private static final Pattern FILTER =
      Pattern.compile("\\?\\(@\\.([\\w.-]+)\\s*(==|!=)\\s*['\"]?([^'\"]*)['\"]?\\)");

  private final List<String> steps;

  private JsonPathExpression(List<String> steps) {
    this.steps = steps;
  }

  static JsonPathExpression compile(String expression) {
    String e = expression.trim();
    if (e.startsWith("{") && e.endsWith("}")) {
      e = e.substring(1, e.length() - 1);
    }
    if (e.startsWith("$")) {
      e = e.substring(1);
    }
    List<String> steps = new ArrayList<>();
    int i = 0;
    while (i < e.length()) {
      char c = e.charAt(i);
      if (c == '.') {
        int j = i + 1;
        while (j < e.length() && e.charAt(j) != '.' && e.charAt(j) != '[') {
          j++;
        }
        if (j > i + 1) {
          steps.add(e.substring(i + 1, j));
        }
        i = j;
      } else if (c == '[') {
        int j = e.indexOf(']', i);
        steps.add(e.substring(i, j + 1));
        i = j + 1;
      } else {
        int j = i;
        while (j < e.length() && e.charAt(j) != '.' && e.charAt(j) != '[') {
          j++;
        }
        steps.add(e.substring(i, j));
        i = j;
      }
    }
    return new JsonPathExpression(List.copyOf(steps));
  }

  /** Every node the path reaches. */
  List<JsonNode> evaluate(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (String step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        apply(step, node, next);
      }
      current = next;
    }
    return current;
  }

  /** The value as a table cell: text of the first match, null when nothing matches. */
  JsonNode first(JsonNode root) {
    List<JsonNode> r = evaluate(root);
    return r.isEmpty() ? null : r.get(0);
  }

  private static void apply(String step, JsonNode node, List<JsonNode> out) {
    if (!step.startsWith("[")) {
      JsonNode child = node.get(step);
      if (child != null && !child.isNull()) {
        out.add(child);
      }
      return;
    }
    String inner = step.substring(1, step.length() - 1).trim();
    if (!node.isArray()) {
      if (inner.startsWith("'") && node.has(inner.replace("'", ""))) {
        out.add(node.get(inner.replace("'", "")));
      }
      return;
    }
    if (inner.equals("*")) {
      node.forEach(out::add);
      return;
    }
    Matcher m = FILTER.matcher(inner);
    if (m.matches()) {
      JsonPathExpression field = compile("." + m.group(1));
      boolean equals = m.group(2).equals("==");
      for (JsonNode element : node) {
        JsonNode v = field.first(element);
        boolean same = v != null && v.asText().equals(m.group(3));
        if (same == equals) {
          out.add(element);
        }
      }
      return;
    }
    int index = Integer.parseInt(inner);
    JsonNode e = node.get(index < 0 ? node.size() + index : index);
    if (e != null) {
      out.add(e);
    }
  }
}
