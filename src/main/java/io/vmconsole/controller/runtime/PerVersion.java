package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a reconciler derives from each cached object, worked out once per version of the object. The
 * caches hand out one JSON instance per version, so identity tells an unchanged object; a
 * reconciler that reads a whole kind per key (the scheduler reads every VM to place one) then
 * parses only what changed since its last pass.
 */
public final class PerVersion<O extends StoredObject, T> {
  private final Function<O, T> derive;
  // Replaced whole on every pass, never changed once published: readers need no lock.
  private volatile Map<JsonNode, T> known = new IdentityHashMap<>();

  public PerVersion(Function<O, T> derive) {
    this.derive = derive;
  }

  /**
   * What {@code derive} gives for each object, in order; what was derived for objects not passed is
   * forgotten.
   */
  public List<T> of(List<O> objects) {
    Map<JsonNode, T> before = known;
    Map<JsonNode, T> now = new IdentityHashMap<>(objects.size() * 2);
    List<T> out = new ArrayList<>(objects.size());
    for (O object : objects) {
      T value = before.get(object.json());
      if (value == null) {
        value = derive.apply(object);
      }
      now.put(object.json(), value);
      out.add(value);
    }
    known = now;
    return out;
  }
}
