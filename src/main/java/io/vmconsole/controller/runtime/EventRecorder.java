package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.base.LogSafe;
import io.vmconsole.cluster.ResourceAccess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core v1 Events about an object, as `kubectl describe` shows them, aggregated as
 * Kubernetes' event recorder does: the same object, type, reason and message is one Event whose
 * {@code count} and {@code lastTimestamp} move, not a new object per occurrence. Its name is
 * derived from those four, so a restarted console goes on counting the same Event. Never fails a
 * reconcile.
 */
public final class EventRecorder {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  private static final int REMEMBERED = 10_000;
  private final ResourceAccess events;
  private final Clock clock;

  /** Events this recorder wrote lately (an LRU): a repeat goes straight to counting. */
  private final Map<String, Boolean> written =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > REMEMBERED;
            }
          });

  public EventRecorder(ResourceAccess events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  public void record(StoredObject obj, boolean warning, String reason, String message) {
    String type = warning ? "Warning" : "Normal";
    // A cluster-scoped object's Events live in "default", as the kubelet's of a Node do.
    String namespace = obj.namespace().isEmpty() ? "default" : obj.namespace();
    String name = name(obj, type, reason, message);
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    try {
      // A first occurrence costs one create, as before aggregation; a repeat one read and write.
      if (!seen(namespace + "/" + name) || count(namespace, name, now).isEmpty()) {
        try {
          events.create(event(obj, namespace, name, type, reason, message, now));
        } catch (ResourceAccess.ConflictException exists) {
          count(namespace, name, now);
        }
      }
    } catch (RuntimeException e) {
      log.debug("event not recorded: {}", LogSafe.failure(e));
    }
  }

  /** Whether this recorder wrote the Event lately; remembers it from now on. */
  private boolean seen(String key) {
    return written.put(key, Boolean.TRUE) != null;
  }

  /** One more occurrence on the stored Event; empty when there is none yet. */
  private Optional<ObjectNode> count(String namespace, String name, String now) {
    return events.modify(
        namespace,
        name,
        event -> event.put("count", event.path("count").asInt(1) + 1).put("lastTimestamp", now));
  }

  /** The aggregate's name: the object's, then a digest of what makes two occurrences the same. */
  static String name(StoredObject obj, String type, String reason, String message) {
    String prefix = obj.name().length() > 200 ? obj.name().substring(0, 200) : obj.name();
    return prefix + "." + digest(obj.uid() + "\n" + type + "\n" + reason + "\n" + message);
  }

  private static String digest(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode event(
      StoredObject obj,
      String namespace,
      String name,
      String type,
      String reason,
      String message,
      String now) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("apiVersion", "v1").put("kind", "Event");
    event.putObject("metadata").put("name", name).put("namespace", namespace);
    event
        .putObject("involvedObject")
        .put("apiVersion", obj.apiVersion())
        .put("kind", obj.kind())
        .put("name", obj.name())
        .put("namespace", obj.namespace())
        .put("uid", obj.uid());
    event
        .put("type", type)
        .put("reason", reason)
        .put("message", message)
        .put("firstTimestamp", now)
        .put("lastTimestamp", now)
        .put("count", 1);
    event.putObject("source").put("component", "vm-console-controller");
    return event;
  }
}
