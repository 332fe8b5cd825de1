package io.vmconsole.nodeagent.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text frames of the migration stream (API.md): {@code received}, {@code commit}, {@code
 * running}, {@code failed}, and {@code serialLog} (the source's console log, before commit).
 */
final class ControlFrames {
  static final String RECEIVED = "received";
  static final String COMMIT = "commit";
  static final String RUNNING = "running";
  static final String FAILED = "failed";
  static final String SERIAL_LOG = "serialLog";

  /** Raw bytes per serialLog frame: base64 of it stays under the WebSocket message limit. */
  static final int SERIAL_CHUNK = 48 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ControlFrames() {}

  record Frame(String type, String reason, byte[] data) {}

  static String of(String type) {
    return write(Map.of("type", type));
  }

  static String failed(String reason) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", FAILED);
    m.put("reason", reason);
    return write(m);
  }

  static String serialLog(byte[] chunk) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", SERIAL_LOG);
    m.put("data", Base64.getEncoder().encodeToString(chunk));
    return write(m);
  }

  static Frame parse(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      String data = n.path("data").asText(null);
      return new Frame(
          n.path("type").asText(""),
          n.path("reason").asText(null),
          data == null ? null : Base64.getDecoder().decode(data));
    } catch (IOException | IllegalArgumentException e) {
      return new Frame("", "unreadable control frame", null);
    }
  }

  private static String write(Map<String, ?> m) {
    try {
      return JSON.writeValueAsString(m);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
