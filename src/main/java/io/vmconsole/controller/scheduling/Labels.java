package io.vmconsole.controller.scheduling;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/** Kubernetes label selectors and node selector terms, evaluated on plain maps. */
final class Labels {
  private Labels() {}

  /** A LabelSelector (matchLabels + matchExpressions); an absent selector matches nothing. */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    for (LabelSelectorRequirement r : orEmpty(selector.getMatchExpressions())) {
      if (!holds(r.getKey(), r.getOperator(), r.getValues(), labels)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A NodeSelectorTerm: every expression of matchExpressions and matchFields (metadata.name) holds.
   */
  static boolean nodeTerm(NodeSelectorTerm term, String nodeName, Map<String, String> labels) {
    if (term == null) {
      return true;
    }
    for (NodeSelectorRequirement r : orEmpty(term.getMatchExpressions())) {
      if (!holds(r.getKey(), r.getOperator(), r.getValues(), labels)) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : orEmpty(term.getMatchFields())) {
      if (!holds(r.getKey(), r.getOperator(), r.getValues(), Map.of(r.getKey(), nodeName))) {
        return false;
      }
    }
    return true;
  }

  /** One requirement: In, NotIn, Exists, DoesNotExist, Gt, Lt. */
  static boolean holds(
      String key, String operator, List<String> values, Map<String, String> labels) {
    String value = labels.get(key);
    List<String> listed = orEmpty(values);
    return switch (operator == null ? "" : operator) {
      case "In" -> value != null && listed.contains(value);
      case "NotIn" -> value == null || !listed.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt" -> compare(value, listed) > 0;
      case "Lt" -> compare(value, listed) < 0 && value != null;
      default -> false;
    };
  }

  /** Gt/Lt compare integers; a missing or non-numeric label never satisfies them. */
  private static int compare(String value, List<String> values) {
    try {
      return value == null || values.size() != 1
          ? 0
          : Long.compare(Long.parseLong(value), Long.parseLong(values.get(0)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
