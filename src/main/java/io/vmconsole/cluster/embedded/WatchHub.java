package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Fan-out of committed changes to HTTP watches. Fed from the dispatcher under its write lock, so a
 * subscriber must only hand the event on (the front does so onto its Vert.x context).
 */
final class WatchHub implements EmbeddedDispatcher.ChangeListener {

  /** One open watch: what it selects and where its events go (type, object). */
  final class Subscription implements AutoCloseable {
    private final ApiPath path;
    private final Predicate<JsonNode> filter;
    private final BiConsumer<String, ObjectNode> sink;

    private Subscription(ApiPath path, BiConsumer<String, ObjectNode> sink) {
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

    @Override
    public void close() {
      subscriptions.remove(this);
    }
  }

  private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();

  Subscription subscribe(ApiPath path, BiConsumer<String, ObjectNode> sink) {
    Subscription s = new Subscription(path, sink);
    subscriptions.add(s);
    return s;
  }

  @Override
  public void changed(ApiPath object, ObjectNode oldObject, ObjectNode newObject) {
    for (Subscription s : subscriptions) {
      boolean before = s.selects(object, oldObject);
      boolean after = s.selects(object, newObject);
      if (before && after) {
        s.sink.accept("MODIFIED", newObject);
      } else if (after) {
        s.sink.accept("ADDED", newObject);
      } else if (before) {
        // Removed, or no longer selected: a cluster reports both as DELETED with the last state.
        s.sink.accept("DELETED", newObject == null ? oldObject : newObject);
      }
    }
  }
}
