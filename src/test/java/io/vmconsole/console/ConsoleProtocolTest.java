package io.vmconsole.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProtocolTest {

  @Test
  void consoleRequestsAreParsedFromTheirPath() {
    assertThat(
            ConsoleRequest.parse(
                URI.create("ws://h/console-ws/serial/team-a/web-1?mode=interactive&takeOver=true")))
        .contains(new ConsoleRequest(ConsoleKind.SERIAL, "team-a", "web-1", true, true));
    assertThat(ConsoleRequest.parse(URI.create("ws://h/console-ws/vnc/team-a/web-1")))
        .contains(new ConsoleRequest(ConsoleKind.VNC, "team-a", "web-1", false, false));
    // A take-over only makes sense interactively.
    assertThat(
            ConsoleRequest.parse(URI.create("ws://h/console-ws/serial/a/b?takeOver=true"))
                .get()
                .takeOver())
        .isFalse();
    assertThat(ConsoleRequest.parse(URI.create("ws://h/console-ws/ssh/a/b"))).isEmpty();
    assertThat(ConsoleRequest.parse(URI.create("ws://h/console-ws/serial/a"))).isEmpty();
  }

  @Test
  void theBootLogAndTheHeldLiveBytesJoinWithoutRepeatOrGap() {
    List<String> out = new ArrayList<>();
    SerialReplay r = new SerialReplay(b -> out.add(new String(b, StandardCharsets.UTF_8)));
    r.live(bytes("gin: "));
    r.live(bytes("more"));
    r.replayLog(bytes("boot...\nlogin: "));
    r.live(bytes("!"));
    assertThat(String.join("", out)).isEqualTo("boot...\nlogin: more!");
  }

  @Test
  void overlapIsTheLongestLogSuffixThatStartsTheHeldBytes() {
    assertThat(SerialReplay.overlap(bytes("abcabc"), bytes("abcX"))).isEqualTo(3);
    assertThat(SerialReplay.overlap(bytes("abc"), bytes("xyz"))).isZero();
    assertThat(SerialReplay.overlap(bytes(""), bytes("xyz"))).isZero();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
