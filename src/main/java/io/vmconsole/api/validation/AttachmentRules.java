package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** VirtualMachineBlockDeviceAttachment (api.md §5): what to attach to which VM; immutable. */
final class AttachmentRules implements KindRules {

  @Override
  public void validate(ObjectNode vmbda, ObjectNode old, Errors errors) {
    MetadataRules.name(Json.text(vmbda.path("metadata"), "name"), 253, errors);
    JsonNode spec = vmbda.path("spec");
    Json.requireText(spec, "virtualMachineName", "spec.virtualMachineName", errors);
    if (!Json.present(spec, "blockDeviceRef")) {
      errors.add("spec.blockDeviceRef", "is required");
    } else {
      JsonNode ref = spec.get("blockDeviceRef");
      Json.requireEnum(
          ref, "kind", "spec.blockDeviceRef.kind", true, VmDeviceRules.BLOCK_DEVICE_KINDS, errors);
      String name = Json.requireText(ref, "name", "spec.blockDeviceRef.name", errors);
      if (name != null && !MetadataRules.isDns1123Subdomain(name)) {
        errors.add("spec.blockDeviceRef.name", "must be a DNS-1123 name (got \"" + name + "\")");
      }
    }
    Immutability.unchanged(vmbda, old, "spec", errors);
  }
}
