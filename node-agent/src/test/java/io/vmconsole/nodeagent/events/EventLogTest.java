package io.vmconsole.nodeagent.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLogTest {
  private final EventLog log = new EventLog(3, Clock.systemUTC());

  @Test
  void resumesAfterASequenceNumber() {
    for (int i = 0; i < 3; i++) {
      log.append("vm", "state", Map.of("i", i));
    }
    EventLog.Page p = log.after(1);
    assertFalse(p.resync());
    assertEquals(List.of(2L, 3L), p.events().stream().map(Event::seq).toList());
    assertTrue(log.after(3).events().isEmpty());
  }

  @Test
  void tooOldOrFutureResumePointsAskForResync() {
    for (int i = 0; i < 5; i++) {
      log.append("vm", "state", Map.of());
    }
    assertTrue(log.after(0).resync(), "events 1 and 2 are gone");
    assertFalse(log.after(2).resync(), "3..5 are all held");
    assertTrue(log.after(9).resync(), "a number this agent never gave (it restarted)");
  }

  @Test
  void subscriptionReplaysThenStreamsInOrder() {
    log.append("vm", "a", Map.of());
    log.append("vm", "b", Map.of());
    List<Long> seen = new ArrayList<>();
    log.subscribe(1, e -> seen.add(e.seq()));
    log.append("vm", "c", Map.of());
    assertEquals(List.of(2L, 3L), seen);
  }
}
