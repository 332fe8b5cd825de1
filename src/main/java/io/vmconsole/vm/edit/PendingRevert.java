package io.vmconsole.vm.edit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * "Revert pending changes": writes each restart-awaiting field's current value (what the running
 * QEMU has) back into the spec, so the controller finds nothing left to restart for. Paths are the
 * status's dotted spec paths; a numeric segment indexes a list.
 */
public final class PendingRevert {
  private PendingRevert() {}

  /** A copy of the VM whose spec holds the current values of the listed changes. */
  public static ObjectNode revert(ObjectNode vm, JsonNode restartAwaitingChanges) {
    ObjectNode out = vm.deepCopy();
    List<JsonNode> changes = new ArrayList<>();
    restartAwaitingChanges.forEach(changes::add);
    // Deepest and highest index first, so removing list item 3 never shifts item 2 under a later
    // write.
    changes.sort(
        Comparator.comparing(
            (JsonNode c) -> c.path("path").asText(), PendingRevert::byIndexDescending));
    for (JsonNode change : changes) {
      String[] segments = change.path("path").asText().split("\\.");
      JsonNode current = change.get("currentValue");
      set(
          out.with("spec"),
          segments,
          0,
          current == null || current.isNull() ? null : current.deepCopy());
    }
    return out;
  }

  private static void set(JsonNode parent, String[] segments, int i, JsonNode value) {
    String seg = segments[i];
    boolean last = i == segments.length - 1;
    if (parent instanceof ArrayNode list && seg.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(seg);
      if (last) {
        if (value == null) {
          if (index < list.size()) {
            list.remove(index);
          }
        } else if (index < list.size()) {
          list.set(index, value);
        } else {
          list.add(value);
        }
      } else if (index < list.size()) {
        set(list.get(index), segments, i + 1, value);
      }
    } else if (parent instanceof ObjectNode obj) {
      if (last) {
        if (value == null) {
          obj.remove(seg);
        } else {
          obj.set(seg, value);
        }
      } else {
        JsonNode next = obj.get(seg);
        if (next == null || next.isNull()) {
          next =
              segments[i + 1].chars().allMatch(Character::isDigit)
                  ? obj.putArray(seg)
                  : obj.putObject(seg);
        }
        set(next, segments, i + 1, value);
      }
    }
  }

  private static int byIndexDescending(String a, String b) {
    return b.compareTo(a) == 0 ? 0 : compareNumeric(b, a);
  }

  private static int compareNumeric(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean nx = x[i].chars().allMatch(Character::isDigit) && !x[i].isEmpty();
      boolean ny = y[i].chars().allMatch(Character::isDigit) && !y[i].isEmpty();
      int c =
          nx && ny
              ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]))
              : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
