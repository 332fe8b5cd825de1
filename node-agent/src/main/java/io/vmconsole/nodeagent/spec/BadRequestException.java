package io.vmconsole.nodeagent.spec;

/** A request the agent refuses before doing anything; answered as 400 naming {@link #field()}. */
public final class BadRequestException extends RuntimeException {
  private final String field;

  public BadRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
