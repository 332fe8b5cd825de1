package io.vmconsole.agent.api;

import java.util.Map;

/** An HTTP status and a body that is serialised as JSON. */
public record Reply(int status, Object body) {
  public static Reply ok(Object body) {
    return new Reply(200, body);
  }

  /** Every error body has the same shape: {@code {"error": "..."}}. */
  public static Reply error(int status, String message) {
    return new Reply(status, Map.of("error", message));
  }
}
