package io.vmconsole.controller.runtime;

import io.vmconsole.api.vm.VmSpecCopies;

/**
 * The controller's durable memory on a VM, in annotations so it survives a console restart with the
 * object itself: the power intent, the spec of the last start, the last handled stop, restart
 * requests. Only the controller writes them.
 */
public final class Annotations {
  public static final String POWER = "vmconsole.io/power";
  public static final String STOP_FORCE = "vmconsole.io/stop-force";
  public static final String LAST_STARTED_SPEC = VmSpecCopies.LAST_STARTED_SPEC;
  public static final String STOP_HANDLED = "vmconsole.io/stop-handled";
  public static final String RESTART = "vmconsole.io/restart-request";
  public static final String RESTART_DONE = "vmconsole.io/restart-done";
  public static final String FINALIZER = "vmconsole.io/vm-controller";

  private Annotations() {}
}
