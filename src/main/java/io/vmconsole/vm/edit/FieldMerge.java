package io.vmconsole.vm.edit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The three-way merge behind "Save" on the edit form. What a person edits is the spec, labels and
 * annotations; status and the rest of metadata belong to the controller and the server, so they
 * never count as someone else's change. Objects are compared field by field, lists and scalars as
 * whole values (a reordered boot list is one change, as a person means it).
 */
public final class FieldMerge {
  private static final List<List<String>> EDITABLE =
      List.of(List.of("spec"), List.of("metadata", "labels"), List.of("metadata", "annotations"));

  private FieldMerge() {}

  /** A field both sides changed to different values: theirs is in the store, yours in the form. */
  public record Conflict(FieldPath path, JsonNode theirs, JsonNode yours) {}

  /** Every changed leaf from base to changed, with the new value (null when removed). */
  public static Map<FieldPath, JsonNode> changes(JsonNode base, JsonNode changed) {
    Map<FieldPath, JsonNode> out = new LinkedHashMap<>();
    for (List<String> root : EDITABLE) {
      diff(root, present(at(base, root)), present(at(changed, root)), out);
    }
    return out;
  }

  /**
   * The fields the user changed that someone else changed differently since the form was loaded.
   */
  public static List<Conflict> conflicts(JsonNode base, JsonNode current, JsonNode edited) {
    Map<FieldPath, JsonNode> mine = changes(base, edited);
    Map<FieldPath, JsonNode> theirs = changes(base, current);
    List<Conflict> out = new ArrayList<>();
    for (var m : mine.entrySet()) {
      for (var t : theirs.entrySet()) {
        if (m.getKey().overlaps(t.getKey())
            && !same(present(at(current, m.getKey().segments())), m.getValue())) {
          out.add(new Conflict(m.getKey(), at(current, m.getKey().segments()), m.getValue()));
          break;
        }
      }
    }
    return out;
  }

  /** A copy of target with the changes written in (null values remove the field). */
  public static ObjectNode apply(ObjectNode target, Map<FieldPath, JsonNode> changes) {
    ObjectNode out = target.deepCopy();
    for (var c : changes.entrySet()) {
      List<String> s = c.getKey().segments();
      ObjectNode parent = out;
      for (String seg : s.subList(0, s.size() - 1)) {
        JsonNode next = parent.get(seg);
        parent = next instanceof ObjectNode o ? o : parent.putObject(seg);
      }
      String last = s.get(s.size() - 1);
      if (c.getValue() == null) {
        parent.remove(last);
      } else {
        parent.set(last, c.getValue().deepCopy());
      }
    }
    return out;
  }

  static JsonNode at(JsonNode node, List<String> segments) {
    JsonNode n = node;
    for (String s : segments) {
      n = n == null ? null : n.get(s);
    }
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  private static void diff(
      List<String> path, JsonNode a, JsonNode b, Map<FieldPath, JsonNode> out) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        List<String> child = new ArrayList<>(path);
        child.add(name);
        diff(child, present(a.get(name)), present(b.get(name)), out);
      }
    } else if (!same(a, b)) {
      out.put(new FieldPath(path), b);
    }
  }

  /** Absent, null and empty ({} or []) are one value, as the API server's omitempty writes them. */
  private static JsonNode present(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || (n.isContainerNode() && n.isEmpty())
        ? null
        : n;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a != null && b != null && a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return Objects.equals(a, b);
  }
}
