package io.vmconsole.nodeagent.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReasonsTest {
  private static JsonNode shutdown(boolean guest, String reason) {
    return new ObjectMapper()
        .createObjectNode()
        .put("event", "SHUTDOWN")
        .set(
            "data",
            new ObjectMapper().createObjectNode().put("guest", guest).put("reason", reason));
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            false, shutdown(true, "guest-shutdown"), false, "guest powered off", "Stopped"),
        Arguments.of(true, shutdown(true, "guest-shutdown"), false, "stopped by host", "Stopped"),
        Arguments.of(false, shutdown(false, "host-qmp-quit"), false, "stopped by host", "Stopped"),
        Arguments.of(false, shutdown(false, "host-signal"), false, "stopped by host", "Stopped"),
        Arguments.of(false, shutdown(true, "guest-panic"), false, "panicked", "Crashed"),
        Arguments.of(false, null, true, "panicked", "Crashed"),
        Arguments.of(false, null, false, "crashed", "Crashed"));
  }

  @ParameterizedTest
  @MethodSource("table")
  void classifiesTheEnd(
      boolean hostStop, JsonNode shutdown, boolean panicked, String reason, String state) {
    String r = Reasons.ofExit(hostStop, shutdown, panicked);
    assertEquals(reason, r);
    assertEquals(state, Reasons.stateOf(r).name());
  }
}
