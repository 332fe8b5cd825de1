package io.vmconsole.api.change;

import static io.vmconsole.api.change.ChangeAction.APPLY_NOW;
import static io.vmconsole.api.change.ChangeAction.NONE;
import static io.vmconsole.api.change.ChangeAction.RESTART;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * The one table of "applies now" vs "needs restart" (api.md §1.4 with every feature gate off, and
 * the seed's "Changing the configuration of a virtual machine"). The controller and the UI both ask
 * here, so a field can never be "applies now" in the panel and then wait for a restart in the
 * status.
 *
 * <p>Paths are spec paths (no "spec." prefix) plus {@code metadata.labels} and {@code
 * metadata.annotations}. The most specific entry wins; a spec path with no entry needs a restart,
 * as the seed says of every other {@code .spec.*} field.
 */
public final class ChangeRules {

  /**
   * Written out in full rather than left to the default, so the table reads as the reference does.
   * Without feature gates there is no CPU/memory hotplug and no live migration on placement
   * changes; disks are hot-plugged through vmbda objects, never through spec.blockDeviceRefs;
   * networks and USB devices follow the seed (every other spec field needs a restart) as there is
   * no live hotplug here.
   */
  private static final Map<String, ChangeAction> TABLE =
      Map.ofEntries(
          Map.entry("metadata", NONE),
          Map.entry("metadata.labels", APPLY_NOW),
          Map.entry("metadata.annotations", APPLY_NOW),
          Map.entry("runPolicy", APPLY_NOW),
          Map.entry("disruptions", NONE),
          Map.entry("disruptions.restartApprovalMode", APPLY_NOW),
          Map.entry("cpu", RESTART),
          Map.entry("cpu.cores", RESTART),
          Map.entry("cpu.coreFraction", RESTART),
          Map.entry("memory", RESTART),
          Map.entry("memory.size", RESTART),
          Map.entry("virtualMachineClassName", RESTART),
          Map.entry("virtualMachineIPAddressName", RESTART),
          Map.entry("terminationGracePeriodSeconds", RESTART),
          Map.entry("enableParavirtualization", RESTART),
          Map.entry("osType", RESTART),
          Map.entry("bootloader", RESTART),
          Map.entry("liveMigrationPolicy", RESTART),
          Map.entry("priorityClassName", RESTART),
          Map.entry("nodeSelector", RESTART),
          Map.entry("affinity", RESTART),
          Map.entry("tolerations", RESTART),
          Map.entry("topologySpreadConstraints", RESTART),
          Map.entry("provisioning", RESTART),
          Map.entry("blockDeviceRefs", RESTART),
          Map.entry("networks", RESTART),
          Map.entry("usbDevices", RESTART),
          Map.entry("gpus", RESTART));

  /**
   * Provisioning types whose data cloud-init reads; dropping them touches nothing already booted.
   */
  private static final Set<String> CLOUD_INIT_TYPES = Set.of("UserData", "UserDataRef");

  private ChangeRules() {}

  /** The action for a path, by its most specific entry (blockDeviceRefs.3 → blockDeviceRefs). */
  public static ChangeAction actionFor(String path) {
    for (String p = path; ; p = p.substring(0, p.lastIndexOf('.'))) {
      ChangeAction action = TABLE.get(p);
      if (action != null) {
        return action;
      }
      if (p.indexOf('.') < 0) {
        return RESTART;
      }
    }
  }

  /**
   * The action for one change. Adds to the path table the one rule that depends on the values:
   * removing cloud-init provisioning applies at once (§1.4), since cloud-init only runs at boot and
   * the running guest has already consumed it. Removing sysprep still needs a restart.
   */
  public static ChangeAction actionFor(
      String path, ChangeOperation operation, JsonNode currentValue, JsonNode desiredValue) {
    if (path.equals("provisioning")
        && operation == ChangeOperation.REMOVE
        && currentValue != null
        && CLOUD_INIT_TYPES.contains(currentValue.path("type").asText())) {
      return APPLY_NOW;
    }
    return actionFor(path);
  }
}
