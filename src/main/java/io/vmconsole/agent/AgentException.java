package io.vmconsole.agent;

/** An agent's refusal (status ≥ 400) or an unreachable agent (status 0). */
public class AgentException extends RuntimeException {
  private final int status;

  public AgentException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public boolean unreachable() {
    return status == 0;
  }
}
