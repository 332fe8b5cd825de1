package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Fan-out of committed changes to watches (HTTP and WebSocket), with a bounded history so a watch
 * that starts at a resourceVersion gets every change after it, as on a cluster; one that starts
 * before the history is told 410 Expired and relists. Fed from the dispatcher under its write lock,
 * so subscribers must only hand events on (the front does so onto its Vert.x context).
 */
final class WatchHub implements EmbeddedDispatcher.ChangeListener {

  private static final int HISTORY = 10_000;

  /** Where a watch's events go: (type, object). */
  interface Sink extends BiConsumer<String, ObjectNode> {}

  private record Change(
      long resourceVersion,
      ApiPath object,
      ObjectNode oldObject,
      ObjectNode newObject,
      ObjectNode finalState) {}

  /** One open watch. Closing it stops its events. */
  final class Subscription implements AutoCloseable {
    private final ApiPath path;
    private final Predicate<JsonNode> filter;
    private final Sink sink;

    private Subscription(ApiPath path, Sink sink) {
      this.path = path;
      this.filter = EmbeddedDispatcher.filter(path);
      this.sink = sink;
    }

    private boolean selects(ApiPath object, ObjectNode o) {
      return o != null
          && object.group().equals(path.group())
          && object.plural().equals(path.plural())
          && (path.namespace() == null || path.namespace().equals(object.namespace()))
          && (path.name() == null || path.name().equals(object.name()))
          && filter.test(o);
    }

    private void deliver(Change c) {
      boolean before = selects(c.object(), c.oldObject());
      boolean after = selects(c.object(), c.newObject());
      if (before && after) {
        sink.accept("MODIFIED", c.newObject());
      } else if (after) {
        sink.accept("ADDED", c.newObject());
      } else if (before) {
        // Removed, or no longer selected: a cluster reports both as DELETED with the last state.
        sink.accept("DELETED", c.finalState());
      }
    }

    @Override
    public void close() {
      synchronized (WatchHub.this) {
        subscriptions.remove(this);
      }
    }
  }

  private final Set<Subscription> subscriptions = new HashSet<>();
  private final ArrayDeque<Change> history = new ArrayDeque<>();
  private long forgottenUpTo;

  /**
   * {@code startVersion}: the store's version when the hub starts; earlier changes are not known.
   */
  WatchHub(long startVersion) {
    this.forgottenUpTo = startVersion;
  }

  /**
   * Opens a watch. Without a starting version ({@code null}, empty or "0") it begins with {@code
   * current} as ADDED events; otherwise with the remembered changes after that version. Answers
   * null when that version is no longer remembered (the caller reports 410 Expired). Call it while
   * no write can commit, so nothing falls between the start and the first live event.
   */
  synchronized Subscription subscribe(
      ApiPath path, String resourceVersion, List<ObjectNode> current, Sink sink) {
    Subscription s = new Subscription(path, sink);
    if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
      current.forEach(o -> sink.accept("ADDED", o));
    } else {
      long since = EmbeddedDispatcher.parseLong(resourceVersion);
      if (since < forgottenUpTo) {
        return null;
      }
      for (Change c : history) {
        if (c.resourceVersion() > since) {
          s.deliver(c);
        }
      }
    }
    subscriptions.add(s);
    return s;
  }

  @Override
  public synchronized void changed(
      ApiPath object, ObjectNode oldObject, ObjectNode newObject, ObjectNode finalState) {
    long rv =
        EmbeddedDispatcher.parseLong(finalState.path("metadata").path("resourceVersion").asText());
    Change c = new Change(rv, object, oldObject, newObject, finalState);
    history.addLast(c);
    if (history.size() > HISTORY) {
      forgottenUpTo = history.removeFirst().resourceVersion();
    }
    for (Subscription s : subscriptions) {
      s.deliver(c);
    }
  }
}
