package io.vmconsole.agent.vm;

/** The states of a VM on this agent; the reasons are strings (see {@link Reasons}). */
public enum VmState {
  Starting,
  Running,
  Stopping,
  Stopped,
  Crashed;

  public boolean active() {
    return this == Starting || this == Running || this == Stopping;
  }
}
