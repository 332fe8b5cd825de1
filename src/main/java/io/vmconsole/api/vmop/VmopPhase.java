package io.vmconsole.api.vmop;

import io.vmconsole.api.common.EnumNames;
import java.util.Optional;

/** status.phase of a VirtualMachineOperation (api.md §2). */
public enum VmopPhase {
  Pending,
  InProgress,
  Completed,
  Failed,
  Terminating,
  Superseded;

  public static Optional<VmopPhase> of(String text) {
    return EnumNames.find(VmopPhase.class, text);
  }

  /** Completed, Failed and Superseded are final: the operation does nothing more. */
  public boolean isFinal() {
    return this == Completed || this == Failed || this == Superseded;
  }
}
