package io.vmconsole.console;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The console sessions this console proxies, by VM and kind. The agent tells serial viewers itself
 * when the holder changes, but sends nothing but RFB on VNC; the losing side of a VNC take-over
 * learns it from here (every take-over passes through this console's proxy).
 */
class ConsoleRegistry {
  private final Map<String, List<ConsoleBridge>> open = new ConcurrentHashMap<>();

  void add(ConsoleBridge bridge) {
    open.computeIfAbsent(key(bridge), k -> new CopyOnWriteArrayList<>()).add(bridge);
  }

  void remove(ConsoleBridge bridge) {
    List<ConsoleBridge> list = open.get(key(bridge));
    if (list != null) {
      list.remove(bridge);
    }
  }

  /** Every console the user has open, whichever VM and session. */
  List<ConsoleBridge> ofUser(String username) {
    return open.values().stream()
        .flatMap(List::stream)
        .filter(b -> b.user().equals(username))
        .toList();
  }

  /** Every console opened in this HTTP session. */
  List<ConsoleBridge> ofHttpSession(String sessionId) {
    return open.values().stream()
        .flatMap(List::stream)
        .filter(b -> b.httpSession().equals(sessionId))
        .toList();
  }

  /** Tells every other interactive session of the same console that {@code winner} took it over. */
  void tookOver(ConsoleBridge winner) {
    for (ConsoleBridge b : open.getOrDefault(key(winner), List.of())) {
      if (b != winner && b.isInteractive()) {
        b.lostTo(winner.user());
      }
    }
  }

  private static String key(ConsoleBridge b) {
    return b.target().vmId() + "/" + b.kind().path();
  }
}
