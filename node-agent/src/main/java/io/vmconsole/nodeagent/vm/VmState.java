package io.vmconsole.nodeagent.vm;

/** The states of a VM on this agent; the reasons are strings (see {@link Reasons}). */
public enum VmState {
  Starting,
  /** A migration target: QEMU paused, receiving the guest; not the VM's owner until committed. */
  Incoming,
  Running,
  Stopping,
  Stopped,
  Crashed;

  public boolean active() {
    return this == Starting || this == Incoming || this == Running || this == Stopping;
  }
}
