package io.vmconsole.api.change;

/** What it takes for one changed field to reach a running VM. */
public enum ChangeAction {
  /** Bookkeeping only: nothing in the guest changes (e.g. the disruptions block as a container). */
  NONE,
  /** Applied at once to a running VM, without a restart. */
  APPLY_NOW,
  /** Waits for a new QEMU process; listed in status.restartAwaitingChanges. */
  RESTART
}
