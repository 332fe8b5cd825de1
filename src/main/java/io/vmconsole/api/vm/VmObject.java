package io.vmconsole.api.vm;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.validation.Quantities;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A stored VirtualMachine read through typed accessors: the one place that knows where a field lives and
 * what its absence means, so that a rule over it (what the VM asks of a node's CPU, whether it can
 * migrate) is written once.
 */
public final class VmObject extends StoredObject {
  /** What a VM without a Migratable condition is told: the controller writes it at its first reconcile. */
  public static final String MIGRATABILITY_UNKNOWN = "the controller has not reported whether the VM can migrate";

  private VmObject(JsonNode json) {
    super(json);
  }

  public static VmObject of(JsonNode json) {
    return new VmObject(json);
  }

  /** spec.cpu.cores; 1 when absent. */
  public int cores() {
    return json.path("spec").path("cpu").path("cores").asInt(1);
  }

  /**
   * spec.cpu.coreFraction as a percent: "25%" is 25. Absent, "Auto" (the class decides at start) or
   * unreadable counts as 100, the most the VM can take.
   */
  public int coreFractionPercent() {
    String text = json.path("spec").path("cpu").path("coreFraction").asText("").trim();
    String digits = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
    return digits.matches("\\d{1,3}") ? Integer.parseInt(digits) : 100;
  }

  /** What the VM asks of a node's CPU, in millicores: cores times the core fraction. */
  public long cpuMillis() {
    return cores() * (long) coreFractionPercent() * 10;
  }

  /** spec.memory.size in bytes; 0 when absent or unreadable. */
  public long memoryBytes() {
    return Quantities.parse(json.path("spec").path("memory").path("size")).map(BigDecimal::longValue).orElse(0L);
  }

  /** spec.nodeSelector as stored (missing when absent). */
  public JsonNode nodeSelector() {
    return json.path("spec").path("nodeSelector");
  }

  /** spec.affinity as stored (missing when absent). */
  public JsonNode affinity() {
    return json.path("spec").path("affinity");
  }

  /** status.phase; empty before the controller wrote one, or for a phase this console does not know. */
  public Optional<VmPhase> phase() {
    return VmPhase.of(json.path("status").path("phase").asText(""));
  }

  /** status.nodeName: where the VM runs or is placed; empty when nowhere. */
  public Optional<String> nodeName() {
    JsonNode node = json.path("status").path("nodeName");
    return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
  }

  /** The status condition of that type, if the controller wrote one. */
  public Optional<Condition> condition(VmConditionType type) {
    for (JsonNode c : json.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type.name())) {
        return Optional.of(new Condition(c.path("status").asText(""), c.path("reason").asText(""),
            c.path("message").asText("")));
      }
    }
    return Optional.empty();
  }

  /**
   * Why the VM cannot live-migrate, from the Migratable condition the VM reconciler keeps; empty when it
   * can. A VM the controller has not reported on yet cannot, until it has ({@link #MIGRATABILITY_UNKNOWN}).
   */
  public Optional<String> migrationBlocker() {
    Optional<Condition> migratable = condition(VmConditionType.Migratable);
    if (migratable.isEmpty()) {
      return Optional.of(MIGRATABILITY_UNKNOWN);
    }
    Condition c = migratable.get();
    if (c.isTrue()) {
      return Optional.empty();
    }
    return Optional.of(!c.message().isEmpty() ? c.message() : !c.reason().isEmpty() ? c.reason() : "not migratable");
  }

  /** One status condition, as read. */
  public record Condition(String status, String reason, String message) {
    public boolean isTrue() {
      return "True".equals(status);
    }
  }
}
