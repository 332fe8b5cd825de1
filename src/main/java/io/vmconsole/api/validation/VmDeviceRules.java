package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A VM's block devices, provisioning, networks, USB devices, GPUs and affinity weights. */
final class VmDeviceRules {

  static final int MAX_BLOCK_DEVICES = 16;
  static final int MAX_USER_DATA_BYTES = 2048;
  static final List<String> BLOCK_DEVICE_KINDS =
      List.of("ClusterVirtualImage", "VirtualImage", "VirtualDisk");

  private VmDeviceRules() {}

  static void validate(JsonNode spec, Errors errors) {
    blockDevices(spec, errors);
    provisioning(spec, errors);
    networks(spec, errors);
    maxItems(spec, "usbDevices", 8, errors);
    maxItems(spec, "gpus", 16, errors);
    weights(spec, "virtualMachineAndPodAffinity", errors);
    weights(spec, "virtualMachineAndPodAntiAffinity", errors);
  }

  private static void blockDevices(JsonNode spec, Errors errors) {
    JsonNode refs = spec.get("blockDeviceRefs");
    if (refs == null || refs.isNull()) {
      errors.add("spec.blockDeviceRefs", "is required: at least 1 block device");
      return;
    }
    if (!refs.isArray() || refs.size() < 1 || refs.size() > MAX_BLOCK_DEVICES) {
      errors.add(
          "spec.blockDeviceRefs",
          "must have 1 to " + MAX_BLOCK_DEVICES + " items (got " + refs.size() + ")");
      if (!refs.isArray()) {
        return;
      }
    }
    boolean legacyNoParavirt =
        "Legacy".equals(Json.text(spec, "osType"))
            && spec.path("enableParavirtualization").isBoolean()
            && !spec.path("enableParavirtualization").asBoolean();
    if (legacyNoParavirt && refs.size() > 4) {
      errors.add(
          "spec.blockDeviceRefs",
          "must have at most 4 items with osType Legacy and paravirtualization off (got "
              + refs.size()
              + ")");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      String path = "spec.blockDeviceRefs[" + i + "]";
      String kind = Json.requireEnum(ref, "kind", path + ".kind", true, BLOCK_DEVICE_KINDS, errors);
      String name = Json.requireText(ref, "name", path + ".name", errors);
      if (name != null && !MetadataRules.isDns1123Subdomain(name)) {
        errors.add(path + ".name", "must be a DNS-1123 name (got \"" + name + "\")");
      }
      JsonNode bootOrder = ref.get("bootOrder");
      if (bootOrder != null
          && !bootOrder.isNull()
          && (!bootOrder.isIntegralNumber() || bootOrder.asInt() < 1)) {
        errors.add(path + ".bootOrder", "must be an integer of at least 1 (got " + bootOrder + ")");
      }
      if (kind != null && name != null && !seen.add(kind + "/" + name)) {
        errors.add(
            path, "must not repeat a block device (" + kind + " " + name + " is listed twice)");
      }
    }
  }

  private static void provisioning(JsonNode spec, Errors errors) {
    JsonNode p = spec.get("provisioning");
    if (p == null || p.isNull()) {
      return;
    }
    if ("Legacy".equals(Json.text(spec, "osType"))) {
      errors.add("spec.provisioning", "is not supported with osType Legacy");
    }
    String type =
        Json.requireEnum(
            p,
            "type",
            "spec.provisioning.type",
            true,
            List.of("UserData", "UserDataRef", "SysprepRef"),
            errors);
    for (String field : List.of("userData", "userDataRef", "sysprepRef")) {
      boolean matches = field.equalsIgnoreCase(type);
      if (Json.present(p, field) && type != null && !matches) {
        errors.add("spec.provisioning." + field, "must not be set when type is " + type);
      }
      if (!Json.present(p, field) && matches) {
        errors.add("spec.provisioning." + field, "is required when type is " + type);
      }
    }
    JsonNode userData = p.get("userData");
    if (userData != null && !userData.isNull()) {
      int bytes = userData.asText().getBytes(StandardCharsets.UTF_8).length;
      if (!userData.isTextual()) {
        errors.add("spec.provisioning.userData", "must be a string");
      } else if (bytes > MAX_USER_DATA_BYTES) {
        errors.add(
            "spec.provisioning.userData",
            "must be at most " + MAX_USER_DATA_BYTES + " bytes (got " + bytes + ")");
      }
    }
    secretRef(p, "userDataRef", errors);
    secretRef(p, "sysprepRef", errors);
  }

  private static void secretRef(JsonNode p, String field, Errors errors) {
    JsonNode ref = p.get(field);
    if (ref == null || ref.isNull()) {
      return;
    }
    String path = "spec.provisioning." + field;
    Json.requireEnum(ref, "kind", path + ".kind", true, List.of("Secret"), errors);
    String name = Json.requireText(ref, "name", path + ".name", errors);
    if (name != null && !MetadataRules.isDns1123Subdomain(name)) {
      errors.add(path + ".name", "must be a DNS-1123 name (got \"" + name + "\")");
    }
  }

  private static void networks(JsonNode spec, Errors errors) {
    JsonNode networks = spec.get("networks");
    if (networks == null || !networks.isArray() || networks.isEmpty()) {
      return;
    }
    for (int i = 0; i < networks.size(); i++) {
      JsonNode n = networks.get(i);
      String path = "spec.networks[" + i + "]";
      String type =
          Json.requireEnum(
              n,
              "type",
              path + ".type",
              true,
              List.of("Main", "Network", "ClusterNetwork"),
              errors);
      if (i == 0 && !"Main".equals(type)) {
        errors.add(
            path + ".type",
            "must be Main: the Main network comes first (got " + n.get("type") + ")");
      } else if (i > 0 && "Main".equals(type)) {
        errors.add(path + ".type", "must not be Main: only the first network is Main");
      }
      if ("Main".equals(type) && Json.present(n, "name")) {
        errors.add(path + ".name", "must not be set for the Main network");
      }
      if (type != null && !"Main".equals(type)) {
        Json.requireText(n, "name", path + ".name", errors);
      }
      JsonNode id = n.get("id");
      if (id != null
          && !id.isNull()
          && (!id.isIntegralNumber() || id.asInt() < 1 || id.asInt() > 16383)) {
        errors.add(path + ".id", "must be between 1 and 16383 (got " + id + ")");
      }
    }
  }

  private static void maxItems(JsonNode spec, String field, int max, Errors errors) {
    JsonNode list = spec.get(field);
    if (list != null && list.isArray() && list.size() > max) {
      errors.add("spec." + field, "must have at most " + max + " items (got " + list.size() + ")");
    }
  }

  private static void weights(JsonNode spec, String field, Errors errors) {
    JsonNode preferred =
        Json.at(spec, "affinity." + field + ".preferredDuringSchedulingIgnoredDuringExecution");
    if (preferred == null || !preferred.isArray()) {
      return;
    }
    for (int i = 0; i < preferred.size(); i++) {
      JsonNode w = preferred.get(i).get("weight");
      if (w == null || !w.isIntegralNumber() || w.asInt() < 1 || w.asInt() > 100) {
        errors.add(
            "spec.affinity."
                + field
                + ".preferredDuringSchedulingIgnoredDuringExecution["
                + i
                + "].weight",
            "must be between 1 and 100 (got " + w + ")");
      }
    }
  }
}
