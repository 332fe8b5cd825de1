package io.vmconsole.nodeagent.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
  static final class Recorder implements ConsoleClient {
    final String user;
    final List<String> controls = new ArrayList<>();

    Recorder(String user) {
      this.user = user;
    }

    @Override
    public String user() {
      return user;
    }

    @Override
    public void send(byte[] data) {}

    @Override
    public void control(String json) {
      controls.add(json);
    }

    @Override
    public void close() {}
  }

  private final ConsoleSessions s =
      new ConsoleSessions(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void oneHolderManyWatchersAndTakeOver() {
    Recorder alice = new Recorder("alice");
    Recorder w = new Recorder("w");
    Recorder bob = new Recorder("bob");
    assertTrue(s.join(alice, true, false).isEmpty());
    assertTrue(s.join(w, false, false).isEmpty());
    assertEquals(new ConsoleSessions.Holder("alice", "2026-11-25T10:00:00Z"), s.holder().get());
    assertTrue(s.join(bob, true, false).isPresent(), "refused without takeOver");
    assertTrue(s.join(bob, true, true).isEmpty());
    assertTrue(s.isHolder(bob));
    assertFalse(s.isHolder(alice));
    assertEquals(
        "{\"type\":\"takenOver\",\"by\":\"bob\",\"mode\":\"watch\","
            + "\"holder\":{\"user\":\"bob\",\"since\":\"2026-11-25T10:00:00Z\"}}",
        alice.controls.get(alice.controls.size() - 1));
    assertTrue(w.controls.get(w.controls.size() - 1).contains("\"user\":\"bob\""));
    s.leave(bob);
    assertTrue(s.holder().isEmpty());
    assertEquals(2, s.clients().size());
  }
}
