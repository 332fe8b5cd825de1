package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Name index over the mock's store: object key ({@code group/plural/namespace/name}) to the
 * attribute set the mock stores it under and the parsed object. The stock dispatcher scans every
 * entry for every single-object request; a sorted map makes gets O(log n) and lists a prefix range,
 * which also gives {@code continue} tokens a stable order. Guarded by the dispatcher's read/write
 * lock.
 */
final class ObjectIndex {

  /** One stored object. */
  record Entry(AttributeSet attributes, ObjectNode object) {}

  /** One page of a list. {@code lastKey} is set when more objects follow. */
  record Page(List<ObjectNode> items, String lastKey) {}

  private final TreeMap<String, Entry> byKey = new TreeMap<>();

  Entry get(String key) {
    return byKey.get(key);
  }

  void put(String key, Entry entry) {
    byKey.put(key, entry);
  }

  void remove(String key) {
    byKey.remove(key);
  }

  int size() {
    return byKey.size();
  }

  /**
   * Objects whose key starts with {@code prefix}, after {@code afterKey}, at most {@code limit} (0
   * = all).
   */
  Page scan(String prefix, String afterKey, int limit, Predicate<? super ObjectNode> filter) {
    NavigableMap<String, Entry> range =
        byKey.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    if (afterKey != null) {
      range = range.tailMap(afterKey, false);
    }
    List<ObjectNode> items = new ArrayList<>();
    String last = null;
    for (Map.Entry<String, Entry> e : range.entrySet()) {
      if (!filter.test(e.getValue().object())) {
        continue;
      }
      if (limit > 0 && items.size() == limit) {
        return new Page(items, last);
      }
      items.add(e.getValue().object());
      last = e.getKey();
    }
    return new Page(items, null);
  }
}
