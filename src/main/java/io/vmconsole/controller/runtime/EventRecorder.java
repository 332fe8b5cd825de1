package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.base.LogSafe;
import io.vmconsole.cluster.ResourceAccess;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core v1 Events about an object, as `kubectl describe` shows them. Never fails a reconcile.
 */
public final class EventRecorder {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  private final ResourceAccess events;

  public EventRecorder(ResourceAccess events) {
    this.events = events;
  }

  public void record(StoredObject obj, boolean warning, String reason, String message) {
    String now = Instant.now().toString();
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("apiVersion", "v1").put("kind", "Event");
    // A cluster-scoped object's Events live in "default", as the kubelet's of a Node do.
    event
        .putObject("metadata")
        .put("generateName", obj.name() + ".")
        .put("namespace", obj.namespace().isEmpty() ? "default" : obj.namespace());
    event
        .putObject("involvedObject")
        .put("apiVersion", obj.apiVersion())
        .put("kind", obj.kind())
        .put("name", obj.name())
        .put("namespace", obj.namespace())
        .put("uid", obj.uid());
    event
        .put("type", warning ? "Warning" : "Normal")
        .put("reason", reason)
        .put("message", message)
        .put("firstTimestamp", now)
        .put("lastTimestamp", now)
        .put("count", 1);
    event.putObject("source").put("component", "vm-console-controller");
    try {
      events.create(event);
    } catch (RuntimeException e) {
      log.debug("event not recorded: {}", LogSafe.failure(e));
    }
  }
}
