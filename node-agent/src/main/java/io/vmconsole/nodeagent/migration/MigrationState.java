package io.vmconsole.nodeagent.migration;

/** API.md "Migration — contract": the states of a migration, on either side. */
public enum MigrationState {
  Preparing,
  /** Target only: QEMU waits for the source's stream. */
  Waiting,
  Running,
  /** QEMU completed; the commit handshake is in flight. */
  Completing,
  Succeeded,
  Failed,
  Cancelled;

  public boolean finished() {
    return this == Succeeded || this == Failed || this == Cancelled;
  }
}
