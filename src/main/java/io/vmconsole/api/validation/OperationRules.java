package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** VirtualMachineOperation (api.md §2). */
final class OperationRules implements KindRules {

  static final List<String> TYPES =
      List.of("Start", "Stop", "Restart", "Migrate", "Evict", "Restore", "Clone");

  @Override
  public void validate(ObjectNode op, ObjectNode old, Errors errors) {
    MetadataRules.name(Json.text(op.path("metadata"), "name"), 253, errors);
    JsonNode spec = op.path("spec");
    String type = Json.requireEnum(spec, "type", "spec.type", true, TYPES, errors);
    Json.requireText(spec, "virtualMachineName", "spec.virtualMachineName", errors);
    if (spec.path("force").asBoolean(false) && "Start".equals(type)) {
      errors.add("spec.force", "is not allowed with type Start");
    }
    if (Json.present(spec, "migrate") && type != null && !"Migrate".equals(type)) {
      errors.add("spec.migrate", "is only allowed with type Migrate (got type " + type + ")");
    }
    if ("Restore".equals(type)) {
      requireSection(spec, "restore", type, errors);
      if (Json.present(spec, "restore")) {
        Json.requireText(
            spec.get("restore"),
            "virtualMachineSnapshotName",
            "spec.restore.virtualMachineSnapshotName",
            errors);
        Json.requireText(spec.get("restore"), "mode", "spec.restore.mode", errors);
      }
    } else if (Json.present(spec, "restore") && type != null) {
      errors.add("spec.restore", "is only allowed with type Restore (got type " + type + ")");
    }
    if ("Clone".equals(type)) {
      requireSection(spec, "clone", type, errors);
      customization(spec, errors);
    } else if (Json.present(spec, "clone") && type != null) {
      errors.add("spec.clone", "is only allowed with type Clone (got type " + type + ")");
    }
    Immutability.unchanged(op, old, "spec", errors);
  }

  private static void requireSection(JsonNode spec, String field, String type, Errors errors) {
    if (!Json.present(spec, field)) {
      errors.add("spec." + field, "is required when type is " + type);
    }
  }

  private static void customization(JsonNode spec, Errors errors) {
    JsonNode c = Json.at(spec, "clone.customization");
    for (String field : List.of("namePrefix", "nameSuffix")) {
      String value = c == null ? null : Json.text(c, field);
      if (value != null && (value.isEmpty() || value.length() > 59)) {
        errors.add(
            "spec.clone.customization." + field,
            "must be 1 to 59 characters (got " + value.length() + ")");
      }
    }
  }
}
