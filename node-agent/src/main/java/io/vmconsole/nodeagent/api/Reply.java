package io.vmconsole.nodeagent.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP status and a body that is serialised as JSON. */
public record Reply(int status, Object body) {
  /** Returned by endpoints that wrote their own response (WebSocket upgrades, plain-text logs). */
  public static final Reply HANDLED = new Reply(0, null);

  public static Reply ok(Object body) {
    return new Reply(200, body);
  }

  /** Every error body has the same shape: {@code {"error": "..."}}. */
  public static Reply error(int status, String message) {
    return new Reply(status, Map.of("error", message));
  }

  /** A 400 that names the offending field, e.g. {@code spec.cores}. */
  public static Reply badField(String field, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("field", field);
    return new Reply(400, body);
  }
}
