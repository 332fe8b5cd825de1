package io.vmconsole.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.validation.Quantities;
import java.math.BigDecimal;

/** A stored Node read through typed accessors. */
public final class NodeObject extends StoredObject {
  private NodeObject(JsonNode json) {
    super(json);
  }

  public static NodeObject of(JsonNode json) {
    return new NodeObject(json);
  }

  /** The Ready condition is True. */
  public boolean isReady() {
    return condition("Ready").map(ConditionView::isTrue).orElse(false);
  }

  /** Whether the node has any status conditions yet. */
  public boolean hasConditions() {
    return json.path("status").has("conditions");
  }

  /**
   * The state of a drain started from the console ({@link NodeDrain#ANNOTATION}); empty when none.
   */
  public String drainState() {
    return annotation(NodeDrain.ANNOTATION).orElse("");
  }

  public boolean isDraining() {
    return NodeDrain.DRAINING.equals(drainState());
  }

  /** spec.unschedulable (cordoned). */
  public boolean unschedulable() {
    return json.path("spec").path("unschedulable").asBoolean(false);
  }

  /** status.allocatable.cpu in millicores; 0 when absent or not a quantity. */
  public long allocatableCpuMillis() {
    return allocatable("cpu").movePointRight(3).longValue();
  }

  /** status.allocatable.memory in bytes; 0 when absent or not a quantity. */
  public long allocatableMemoryBytes() {
    return allocatable("memory").longValue();
  }

  private BigDecimal allocatable(String resource) {
    return Quantities.parse(json.path("status").path("allocatable").path(resource))
        .orElse(BigDecimal.ZERO);
  }
}
