package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** The pod eviction subresource, the way drain asks for a pod to go. */
final class Evictions {
  private final StoredObjects store;
  private final Writes writes;
  private final EvictionHook evictions;

  Evictions(StoredObjects store, Writes writes, EvictionHook evictions) {
    this.store = store;
    this.writes = writes;
    this.evictions = evictions;
  }

  /**
   * POST pods/NAME/eviction: there are no disruption budgets here; the {@link EvictionHook} may
   * refuse (429, as a budget would, and the client retries); otherwise the eviction deletes the pod
   * (finalizers still hold it), as a cluster does when no budget forbids it.
   */
  ApiResponse evict(ResourceKind kind, ApiPath path) {
    ApiPath pod = path.withName(path.name(), path.namespace());
    ObjectNode stored = store.stored(pod);
    if (stored == null) {
      return ApiResponse.of(Statuses.notFound(kind, path.name()));
    }
    Map<String, String> labels = new HashMap<>();
    stored
        .path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    String refusal = evictions.refusal(path.namespace(), path.name(), labels);
    if (refusal != null) {
      return ApiResponse.of(Statuses.tooManyRequests(refusal));
    }
    ApiResponse deleted = writes.delete(kind, pod, null);
    if (deleted.code() != 200) {
      return deleted;
    }
    ObjectNode ok =
        Patches.JSON
            .createObjectNode()
            .put("kind", "Status")
            .put("apiVersion", "v1")
            .put("status", "Success")
            .put("code", 201);
    ok.putObject("metadata");
    return ApiResponse.json(201, ok);
  }
}
