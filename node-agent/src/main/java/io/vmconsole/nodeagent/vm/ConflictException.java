package io.vmconsole.nodeagent.vm;

/** The VM is in a state that forbids the call (e.g. start of a running VM); answered as 409. */
public final class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
