package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a VirtualMachineClass's sizing policies (api.md §8); public so the VM form offers what
 * validation allows.
 */
public final class SizingPolicies {

  private SizingPolicies() {}

  /** The policy whose cores range holds the given cores, null when none does. */
  public static JsonNode forCores(JsonNode vmClass, int cores) {
    JsonNode policies = vmClass == null ? null : Json.at(vmClass, "spec.sizingPolicies");
    if (policies == null || !policies.isArray()) {
      return null;
    }
    for (JsonNode p : policies) {
      JsonNode c = p.get("cores");
      if (c != null
          && cores >= c.path("min").asInt(1)
          && cores <= c.path("max").asInt(Integer.MAX_VALUE)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Why a VM's memory does not fit its class's sizing policy for its cores — the range, the step
   * from the minimum, the range per core — in words that name the policy; empty when it fits or the
   * policy says nothing of memory. The one place this rule lives: admission (so the API and the
   * form) asks it.
   *
   * @param shown the size as the VM writes it, for the message
   */
  public static Optional<String> memoryProblem(
      JsonNode vmClass, int cores, long bytes, String shown) {
    JsonNode policy = forCores(vmClass, cores);
    JsonNode memory = policy == null ? null : policy.get("memory");
    if (memory == null || !memory.isObject()) {
      return Optional.empty();
    }
    String name =
        Json.at(vmClass, "metadata.name") == null ? "" : Json.at(vmClass, "metadata.name").asText();
    JsonNode c = policy.path("cores");
    String which =
        "the sizing policy of class "
            + name
            + " for "
            + c.path("min").asText("1")
            + "–"
            + c.path("max").asText("?")
            + " cores";
    if (outside(memory, bytes, 1)) {
      return Optional.of(
          "must be within " + which + ": memory " + range(memory) + " (got " + shown + ")");
    }
    Optional<Long> min = Quantities.sizeBytes(memory.get("min"));
    Optional<Long> step = Quantities.sizeBytes(memory.get("step"));
    if (step.isPresent() && (bytes - min.orElse(0L)) % step.get() != 0) {
      return Optional.of(
          "must be "
              + memory.path("min").asText("0")
              + " plus a whole number of steps of "
              + memory.path("step").asText()
              + " in "
              + which
              + " (got "
              + shown
              + ")");
    }
    JsonNode perCore = memory.path("perCore");
    if (outside(perCore, bytes, cores)) {
      return Optional.of(
          "must be within "
              + which
              + ": memory per core "
              + range(perCore)
              + ", that is for "
              + cores
              + " cores (got "
              + shown
              + ")");
    }
    return Optional.empty();
  }

  /** Whether the size falls outside a {min, max} range given per unit, for this many units. */
  private static boolean outside(JsonNode range, long bytes, int units) {
    return Quantities.sizeBytes(range.get("min")).filter(m -> bytes < m * units).isPresent()
        || Quantities.sizeBytes(range.get("max")).filter(m -> bytes > m * units).isPresent();
  }

  /** A {min, max} range as its quantities read: 128Mi–8Gi. */
  private static String range(JsonNode range) {
    return range.path("min").asText("0") + "–" + range.path("max").asText("∞");
  }

  /** A policy's core fractions as "N%" strings (v1alpha2 stores integers, v1alpha3 strings). */
  public static List<String> coreFractions(JsonNode policy) {
    List<String> result = new ArrayList<>();
    JsonNode list = policy == null ? null : policy.get("coreFractions");
    if (list != null && list.isArray()) {
      list.forEach(f -> result.add(f.isNumber() ? f.asInt() + "%" : f.asText()));
    }
    return result;
  }
}
