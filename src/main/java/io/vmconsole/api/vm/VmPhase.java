package io.vmconsole.api.vm;

import io.vmconsole.api.common.EnumNames;
import java.util.Optional;

/** status.phase of a VirtualMachine (api.md §1.2). */
public enum VmPhase {
  Pending,
  Starting,
  Running,
  Stopping,
  Stopped,
  Terminating,
  Migrating,
  Pause,
  Degraded;

  /**
   * The phase a status names; empty for none, or for one a newer controller reports and this one
   * does not know.
   */
  public static Optional<VmPhase> of(String text) {
    return EnumNames.find(VmPhase.class, text);
  }
}
