package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The defaults of a VM's spec (api.md §1.1), and the class-dependent core fraction as a pure
 * function.
 */
public final class VirtualMachineDefaults {

  public static final String RUN_POLICY = "AlwaysOnUnlessStoppedManually";
  public static final String RESTART_APPROVAL_MODE = "Manual";
  public static final long TERMINATION_GRACE_PERIOD_SECONDS = 60;
  public static final String OS_TYPE = "Generic";
  public static final String BOOTLOADER = "BIOS";
  public static final String LIVE_MIGRATION_POLICY = "PreferSafe";
  public static final String CORE_FRACTION = "100%";

  private VirtualMachineDefaults() {}

  /**
   * Fills the spec's absent fields. coreFraction is left alone: it depends on the class, which may
   * not exist yet, so the controller applies {@link #coreFraction} when it reads the class.
   */
  public static void apply(ObjectNode vm) {
    ObjectNode spec = Json.object(vm, "spec");
    Json.defaultText(spec, "runPolicy", RUN_POLICY);
    Json.defaultText(
        Json.object(spec, "disruptions"), "restartApprovalMode", RESTART_APPROVAL_MODE);
    if (!Json.present(spec, "terminationGracePeriodSeconds")) {
      // An int node, as parsing "60" gives, so a defaulted object equals one that wrote the default
      // out.
      spec.put("terminationGracePeriodSeconds", (int) TERMINATION_GRACE_PERIOD_SECONDS);
    }
    if (!Json.present(spec, "enableParavirtualization")) {
      spec.put("enableParavirtualization", true);
    }
    Json.defaultText(spec, "osType", OS_TYPE);
    Json.defaultText(spec, "bootloader", BOOTLOADER);
    Json.defaultText(spec, "liveMigrationPolicy", LIVE_MIGRATION_POLICY);
  }

  /**
   * The core fraction for a VM without one: the defaultCoreFraction of the class's sizing policy
   * whose core range holds the VM's cores (an integer percent, or "Auto"), else 100%.
   *
   * @param vmClass the VirtualMachineClass as JSON, may be null
   */
  public static String coreFraction(JsonNode vmClass, int cores) {
    JsonNode policy = SizingPolicies.forCores(vmClass, cores);
    JsonNode value = policy == null ? null : policy.get("defaultCoreFraction");
    if (value == null || value.isNull()) {
      return CORE_FRACTION;
    }
    if (value.isNumber()) {
      return value.asInt() + "%";
    }
    String text = value.asText();
    return text.equals("Auto") || text.endsWith("%") ? text : text + "%";
  }
}
