package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

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
