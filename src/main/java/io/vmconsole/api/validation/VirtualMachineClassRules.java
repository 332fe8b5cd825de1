package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** VirtualMachineClass (api.md §8): CPU type and its fields, sizing policies. */
final class VirtualMachineClassRules implements KindRules {

  @Override
  public void validate(ObjectNode vmc, ObjectNode old, Errors errors) {
    MetadataRules.name(Json.text(vmc.path("metadata"), "name"), 253, errors);
    JsonNode cpu = vmc.path("spec").path("cpu");
    String type =
        Json.requireEnum(
            cpu,
            "type",
            "spec.cpu.type",
            true,
            List.of("Host", "HostPassthrough", "Discovery", "Model", "Features"),
            errors);
    only(cpu, "model", "Model", type, errors);
    only(cpu, "features", "Features", type, errors);
    only(cpu, "discovery", "Discovery", type, errors);
    if ("Model".equals(type)) {
      Json.requireText(cpu, "model", "spec.cpu.model", errors);
    }
    if ("Features".equals(type)
        && (!cpu.path("features").isArray() || cpu.path("features").isEmpty())) {
      errors.add("spec.cpu.features", "must have at least 1 item when type is Features");
    }
    sizingPolicies(vmc.path("spec").path("sizingPolicies"), errors);
    Immutability.unchanged(vmc, old, "spec.cpu", errors);
  }

  private static void only(
      JsonNode cpu, String field, String allowedType, String type, Errors errors) {
    if (type != null && Json.present(cpu, field) && !allowedType.equals(type)) {
      errors.add(
          "spec.cpu." + field,
          "is only allowed with type " + allowedType + " (got type " + type + ")");
    }
  }

  private static void sizingPolicies(JsonNode policies, Errors errors) {
    if (!policies.isArray()) {
      return;
    }
    if (policies.size() > 16) {
      errors.add("spec.sizingPolicies", "must have at most 16 items (got " + policies.size() + ")");
    }
    for (int i = 0; i < policies.size(); i++) {
      String path = "spec.sizingPolicies[" + i + "]";
      JsonNode cores = policies.get(i).path("cores");
      int min = cores.path("min").asInt(1);
      int max = cores.path("max").asInt(1024);
      if (min < 1 || max > 1024 || min > max) {
        errors.add(
            path + ".cores",
            "must have 1 <= min <= max <= 1024 (got min " + min + ", max " + max + ")");
      }
      for (int j = 0; j < i; j++) {
        JsonNode other = policies.get(j).path("cores");
        if (min <= other.path("max").asInt(1024) && other.path("min").asInt(1) <= max) {
          errors.add(
              path + ".cores", "must not overlap the cores range of sizingPolicies[" + j + "]");
        }
      }
      for (JsonNode f : policies.get(i).path("coreFractions")) {
        if (f.isNumber()
            ? f.asInt() < 1 || f.asInt() > 100
            : !VirtualMachineRules.CORE_FRACTION.matcher(f.asText()).matches()) {
          errors.add(path + ".coreFractions", "must hold percents from 1 to 100 (got " + f + ")");
        }
      }
    }
  }
}
