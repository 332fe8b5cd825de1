package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Kubernetes label selectors and node selector terms, evaluated on plain maps. */
final class Labels {
  private Labels() {}

  /** A LabelSelector (matchLabels + matchExpressions); an absent selector matches nothing. */
  static boolean selects(JsonNode selector, Map<String, String> labels) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return false;
    }
    for (var it = selector.path("matchLabels").fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode expr : selector.path("matchExpressions")) {
      if (!expression(expr, labels)) {
        return false;
      }
    }
    return true;
  }

  /** One requirement: In, NotIn, Exists, DoesNotExist, Gt, Lt. */
  static boolean expression(JsonNode expr, Map<String, String> labels) {
    String value = labels.get(expr.path("key").asText());
    JsonNode values = expr.path("values");
    return switch (expr.path("operator").asText()) {
      case "In" -> value != null && contains(values, value);
      case "NotIn" -> value == null || !contains(values, value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt" -> compare(value, values) > 0;
      case "Lt" -> compare(value, values) < 0 && value != null;
      default -> false;
    };
  }

  /** A NodeSelectorTerm: every expression of matchExpressions and matchFields (metadata.name) holds. */
  static boolean nodeTerm(JsonNode term, String nodeName, Map<String, String> labels) {
    for (JsonNode expr : term.path("matchExpressions")) {
      if (!expression(expr, labels)) {
        return false;
      }
    }
    for (JsonNode expr : term.path("matchFields")) {
      if (!expression(expr, Map.of(expr.path("key").asText(), nodeName))) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(JsonNode values, String value) {
    for (JsonNode v : values) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** Gt/Lt compare integers; a missing or non-numeric label never satisfies them. */
  private static int compare(String value, JsonNode values) {
    try {
      return value == null || values.size() != 1
          ? 0 : Long.compare(Long.parseLong(value), Long.parseLong(values.get(0).asText()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
