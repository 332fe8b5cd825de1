package io.vmconsole.nodeagent.vm;

/** No such VM (or disk of a VM) on this agent; answered as 404. */
public final class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
