package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.common.StoredObject.ConditionView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A status's conditions being rebuilt: a transition time changes only when the status does. */
public final class ConditionsBuilder {
  private final List<ConditionView> previous;
  private final Map<String, Condition> conditions = new LinkedHashMap<>();
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
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message == null ? "" : message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build());
    return this;
  }

  /** Carries a condition another writer owns over unchanged (nothing when it was never set). */
  public ConditionsBuilder keep(String type) {
    for (ConditionView old : previous) {
      if (type.equals(old.type())) {
        conditions.put(
            type,
            new ConditionBuilder()
                .withType(old.type())
                .withStatus(old.status())
                .withReason(old.reason())
                .withMessage(old.message())
                .withObservedGeneration(old.observedGeneration())
                .withLastTransitionTime(old.lastTransitionTime())
                .build());
      }
    }
    return this;
  }

  /** Carries over every condition but those of the given types. */
  public ConditionsBuilder keepAllBut(String type) {
    previous.stream().map(ConditionView::type).filter(t -> !t.equals(type)).forEach(this::keep);
    return this;
  }

  public List<Condition> toList() {
    return new ArrayList<>(conditions.values());
  }

  /** For the statuses still written as JSON (the VM's, a Node's). */
  public ArrayNode toArray() {
    return StatusJson.MAPPER.valueToTree(toList());
  }
}
