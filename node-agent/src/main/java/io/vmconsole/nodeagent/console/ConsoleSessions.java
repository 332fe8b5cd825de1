package io.vmconsole.nodeagent.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may type on a console: one interactive holder, any number of watchers. A take-over moves the
 * holder and demotes the old one to watcher, telling it who took over. Pure bookkeeping, shared by
 * serial and VNC.
 */
public final class ConsoleSessions {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The interactive holder, as the console shows it. */
  public record Holder(String user, String since) {}

  private final Clock clock;
  private final List<ConsoleClient> clients = new ArrayList<>();
  private ConsoleClient holder;
  private Holder holderInfo;

  public ConsoleSessions(Clock clock) {
    this.clock = clock;
  }

  /**
   * @return empty when joined, else why not (interactive while held, without take-over)
   */
  public synchronized Optional<String> join(
      ConsoleClient c, boolean interactive, boolean takeOver) {
    if (interactive && holder != null && !takeOver) {
      return Optional.of(
          "console held interactively by " + holderInfo.user() + "; use takeOver=true");
    }
    clients.add(c);
    if (interactive) {
      ConsoleClient old = holder;
      holder = c;
      holderInfo = new Holder(c.user(), clock.instant().toString());
      if (old != null) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("by", c.user());
        f.put("mode", "watch");
        f.put("holder", holderInfo);
        old.control(message("takenOver", f));
      }
      broadcastHolder(old);
    } else {
      c.control(message("session", Map.of("mode", "watch")));
    }
    return Optional.empty();
  }

  public synchronized void leave(ConsoleClient c) {
    clients.remove(c);
    if (c == holder) {
      holder = null;
      holderInfo = null;
      broadcastHolder(null);
    }
  }

  public synchronized boolean isHolder(ConsoleClient c) {
    return c == holder;
  }

  public synchronized Optional<Holder> holder() {
    return Optional.ofNullable(holderInfo);
  }

  public synchronized List<ConsoleClient> clients() {
    return List.copyOf(clients);
  }

  /** Tells every client except {@code skip} the current holder. */
  private void broadcastHolder(ConsoleClient skip) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("holder", holderInfo);
    String msg = message("holder", f);
    for (ConsoleClient c : clients) {
      if (c != skip) {
        c.control(msg);
      }
    }
  }

  static String message(String type, Map<String, ?> fields) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.putAll(fields);
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
