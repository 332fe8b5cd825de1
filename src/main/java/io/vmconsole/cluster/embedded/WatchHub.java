package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.cluster.embedded.store.Change;
import io.vmconsole.cluster.embedded.store.ObjectKey;
import io.vmconsole.cluster.embedded.store.ObjectStore;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Fan-out of durable changes to watches (HTTP and WebSocket), with a bounded history so a watch
 * that starts at a resourceVersion gets every change after it, as on a cluster; one that starts
 * before the history is told 410 Expired and relists. Fed by the store's log thread once a change
 * is on disk, so subscribers must only hand events on (the front does so onto its Vert.x context).
 *
 * <p>Each live change carries one {@link Encodings}: the first watch that sends it in a given form
 * (event type, JSON or Table) encodes it, every other watch sends the same bytes.
 */
final class WatchHub implements ObjectStore.Listener {

  private static final int HISTORY = 10_000;

  /** An event's encodings by form, shared by the watches that send it. */
  static final class Encodings {
    private final Map<String, Object> byForm = new ConcurrentHashMap<>(4);

    @SuppressWarnings("unchecked")
    <T> T get(String form, Function<String, T> encode) {
      return (T) byForm.computeIfAbsent(form, encode);
    }
  }

  /** Where a watch's events go: (type, object, the encodings shared for this event). */
  interface Sink {
    void accept(String type, ObjectNode object, Encodings encodings);
  }

  /** One open watch. Closing it stops its events. */
  final class Subscription implements AutoCloseable {
    private final ApiPath path;
    private final Predicate<JsonNode> filter;
    private final Sink sink;
    private final long since;

    private Subscription(ApiPath path, long since, Sink sink) {
      this.path = path;
      this.filter = StoredObjects.filter(path);
      this.since = since;
      this.sink = sink;
    }

    private boolean selects(ObjectKey key, ObjectNode o) {
      return o != null
          && key.group().equals(path.group())
          && key.plural().equals(path.plural())
          && (path.namespace() == null || path.namespace().equals(key.namespace()))
          && (path.name() == null || path.name().equals(key.name()))
          && filter.test(o);
    }

    private void deliver(Change c, Encodings encodings) {
      if (c.resourceVersion() <= since) {
        return; // already in what the watch started from
      }
      boolean before = selects(c.key(), c.oldObject());
      boolean after = selects(c.key(), c.newObject());
      if (before && after) {
        sink.accept("MODIFIED", c.newObject(), encodings);
      } else if (after) {
        sink.accept("ADDED", c.newObject(), encodings);
      } else if (before) {
        // Removed, or no longer selected: a cluster reports both as DELETED with the last state.
        sink.accept("DELETED", c.finalState(), encodings);
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
   * current} (the store's objects as of {@code listedAt}) as ADDED events; otherwise with the
   * remembered changes after that version. Answers null when that version is no longer remembered
   * (the caller reports 410 Expired). Call it under the store's read lock, so that no change falls
   * between the listing and the first live event.
   */
  synchronized Subscription subscribe(
      ApiPath path, String resourceVersion, List<ObjectNode> current, long listedAt, Sink sink) {
    if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
      current.forEach(o -> sink.accept("ADDED", o, new Encodings()));
      Subscription s = new Subscription(path, listedAt, sink);
      subscriptions.add(s);
      return s;
    }
    long since = parseVersion(resourceVersion);
    if (since < forgottenUpTo) {
      return null;
    }
    Subscription s = new Subscription(path, since, sink);
    for (Change c : history) {
      s.deliver(c, new Encodings());
    }
    subscriptions.add(s);
    return s;
  }

  @Override
  public synchronized void changed(Change c) {
    history.addLast(c);
    if (history.size() > HISTORY) {
      forgottenUpTo = history.removeFirst().resourceVersion();
    }
    Encodings encodings = new Encodings();
    for (Subscription s : subscriptions) {
      s.deliver(c, encodings);
    }
  }

  private static long parseVersion(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new RequestPipeline.InvalidParameter(
          "resourceVersion: must be a resourceVersion this server gave (got " + s + ")");
    }
  }
}
