package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.cluster.embedded.store.ObjectStore;
import java.util.List;
import java.util.function.Predicate;

/**
 * The store as the API's handlers address it, by {@link ApiPath}. Callers hold the store's lock
 * ({@link ObjectStore#read}/{@link ObjectStore#write}); the store stamps resourceVersions.
 */
final class StoredObjects {

  private final ObjectStore store;

  StoredObjects(ObjectStore store) {
    this.store = store;
  }

  ObjectStore store() {
    return store;
  }

  ObjectNode stored(ApiPath path) {
    return store.get(path.key());
  }

  /** Stores {@code object} at the path's key, stamped with the next resourceVersion. */
  void commit(ApiPath path, ObjectNode object) {
    store.put(path.key(), object);
  }

  /** Removes the object; {@code finalState} gets the removal's resourceVersion, for watchers. */
  void commitDeletion(ApiPath path, ObjectNode finalState) {
    store.remove(path.key(), finalState);
  }

  /** Every object a list of this path selects (kind, namespace, label and field selectors). */
  List<ObjectNode> list(ApiPath path) {
    return store.scan(path.listPrefix(), null, 0, filter(path)).items();
  }

  ObjectStore.Page page(ApiPath path, String afterKey, int limit) {
    return store.scan(path.listPrefix(), afterKey, limit, filter(path));
  }

  long currentResourceVersion() {
    return store.resourceVersion();
  }

  static Predicate<JsonNode> filter(ApiPath path) {
    return Selectors.labels(path.param("labelSelector"))
        .and(Selectors.fields(path.param("fieldSelector")));
  }
}
