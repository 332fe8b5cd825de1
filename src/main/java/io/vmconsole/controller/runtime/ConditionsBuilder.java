package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.common.StoredObject.ConditionView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A status's conditions being rebuilt: a transition time changes only when the status does. */
public final class ConditionsBuilder {
  private final List<ConditionView> previous;
  private final Map<String, ObjectNode> conditions = new LinkedHashMap<>();
  private final String now;
  private final long generation;

  private ConditionsBuilder(List<ConditionView> previous, long generation, Instant now) {
    this.previous = previous;
    this.generation = generation;
    this.now = now.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Rebuilds the object's conditions for its current generation. */
  public static ConditionsBuilder of(StoredObject object, Instant now) {
    return new ConditionsBuilder(object.conditions(), object.generation(), now);
  }

  /** As {@link #of}, with the generation given (a Node's conditions say 0). */
  public static ConditionsBuilder of(StoredObject object, long generation, Instant now) {
    return new ConditionsBuilder(object.conditions(), generation, now);
  }

  public ConditionsBuilder set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    String since = now;
    for (ConditionView old : previous) {
      if (type.equals(old.type()) && value.equals(old.status())) {
        since = old.lastTransitionTime().isEmpty() ? now : old.lastTransitionTime();
      }
    }
    conditions.put(
        type,
        JsonNodeFactory.instance
            .objectNode()
            .put("type", type)
            .put("status", value)
            .put("reason", reason)
            .put("message", message == null ? "" : message)
            .put("observedGeneration", generation)
            .put("lastTransitionTime", since));
    return this;
  }

  /** Carries a condition another writer owns over unchanged (nothing when it was never set). */
  public ConditionsBuilder keep(String type) {
    for (ConditionView old : previous) {
      if (type.equals(old.type())) {
        ObjectNode c =
            JsonNodeFactory.instance
                .objectNode()
                .put("type", old.type())
                .put("status", old.status())
                .put("reason", old.reason())
                .put("message", old.message());
        if (old.observedGeneration() != null) {
          c.put("observedGeneration", old.observedGeneration());
        }
        conditions.put(type, c.put("lastTransitionTime", old.lastTransitionTime()));
      }
    }
    return this;
  }

  /** Carries over every condition but those of the given types. */
  public ConditionsBuilder keepAllBut(String type) {
    previous.stream().map(ConditionView::type).filter(t -> !t.equals(type)).forEach(this::keep);
    return this;
  }

  public ArrayNode toArray() {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    conditions.values().forEach(array::add);
    return array;
  }
}
