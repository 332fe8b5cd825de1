package io.vmconsole.nodeagent.events;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The agent's event stream: strictly increasing sequence numbers, the last {@code capacity} events
 * kept so a client that reconnects with the last number it processed misses nothing — or learns
 * that it must re-read the state ({@link Page#resync()}) when it fell behind the ring.
 */
public final class EventLog {
  private final int capacity;
  private final Clock clock;
  private final Deque<Event> ring = new ArrayDeque<>();
  private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
  private long lastSeq;

  public EventLog(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  /** A resumed read: the events after a sequence number. */
  public record Page(boolean resync, List<Event> events, long lastSeq) {}

  public Event append(String vmId, String type, Map<String, Object> data) {
    Event e;
    synchronized (this) {
      e = new Event(++lastSeq, clock.instant().toString(), vmId, type, Map.copyOf(data));
      ring.addLast(e);
      if (ring.size() > capacity) {
        ring.removeFirst();
      }
      // Delivered under the lock so subscribers see events in sequence order.
      subscribers.forEach(s -> s.accept(e));
    }
    return e;
  }

  public synchronized long lastSeq() {
    return lastSeq;
  }

  public synchronized Page after(long after) {
    long oldest = ring.isEmpty() ? lastSeq + 1 : ring.peekFirst().seq();
    boolean resync = after < oldest - 1 || after > lastSeq;
    List<Event> out = new ArrayList<>();
    for (Event e : ring) {
      if (e.seq() > after || resync) {
        out.add(e);
      }
    }
    return new Page(resync, out, lastSeq);
  }

  /**
   * Replays the events after {@code after} (or one {@code resync} event when they are no longer
   * held) to {@code subscriber}, then subscribes it to later ones, all under the log's lock:
   * nothing falls between the replay and the live stream, and the order is the sequence order.
   */
  public synchronized void subscribe(long after, Consumer<Event> subscriber) {
    Page page = after(after);
    if (page.resync()) {
      subscriber.accept(new Event(lastSeq, clock.instant().toString(), null, "resync", Map.of()));
    } else {
      page.events().forEach(subscriber);
    }
    subscribers.add(subscriber);
  }

  public void unsubscribe(Consumer<Event> subscriber) {
    subscribers.remove(subscriber);
  }
}
