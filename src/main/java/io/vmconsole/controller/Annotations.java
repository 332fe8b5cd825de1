package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.vm.VmSpecCopies;

/**
 * The controller's durable memory on a VM, in annotations so it survives a console restart with the
 * object itself: the power intent, the spec of the last start, the last handled stop, restart
 * requests. Only the controller writes them.
 */
final class Annotations {
  static final String POWER = "vmconsole.io/power";
  static final String STOP_FORCE = "vmconsole.io/stop-force";
  static final String LAST_STARTED_SPEC = VmSpecCopies.LAST_STARTED_SPEC;
  static final String STOP_HANDLED = "vmconsole.io/stop-handled";
  static final String RESTART = "vmconsole.io/restart-request";
  static final String RESTART_DONE = "vmconsole.io/restart-done";
  /**
   * On a node-local VirtualDisk: the node its first VM was placed on, where the disk is then created
   * (as the scheduler's volume.kubernetes.io/selected-node on a WaitForFirstConsumer claim).
   */
  static final String SELECTED_NODE = "vmconsole.io/selected-node";
  static final String FINALIZER = "vmconsole.io/vm-controller";

  private Annotations() {}

  static String get(JsonNode obj, String key) {
    JsonNode v = obj.path("metadata").path("annotations").path(key);
    return v.isTextual() ? v.asText() : null;
  }
}
