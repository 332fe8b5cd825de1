package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vmconsole.base.LogSafe;
import io.vmconsole.cluster.embedded.Selectors.InvalidSelector;
import io.vmconsole.cluster.embedded.Statuses.Failure;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Our CRUD dispatcher: routes every request itself (auth, discovery, reads over the name index,
 * writes through {@link Writes}) and keeps the stock store, WebSocket watches and CRD bookkeeping
 * of {@link KubernetesCrudDispatcher} by committing every change through {@link #processEvent}.
 */
final class EmbeddedDispatcher extends KubernetesCrudDispatcher {
  private static final Logger LOG = Logger.getLogger(EmbeddedDispatcher.class.getName());

  /**
   * Told of every committed change, under the write lock: must return quickly. On a deletion {@code
   * newObject} is null and {@code finalState} is the object as last seen, with the deletion's
   * resourceVersion (what watchers receive); otherwise {@code finalState} is {@code newObject}.
   */
  interface ChangeListener {
    void changed(ApiPath object, ObjectNode oldObject, ObjectNode newObject, ObjectNode finalState);
  }

  private final KindRegistry kinds;
  private final BearerTokenAuth auth;
  private final Discovery discovery;
  private final Tables tables;
  private final Writes writes;
  private final Evictions evictions;
  private final ObjectIndex index = new ObjectIndex();
  private final AtomicLong resourceVersion = new AtomicLong();
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final ReadWriteLock lock;
  // The object being committed, set by commit() under the write lock for processEvent to reuse.
  private ObjectNode committing;
  private ObjectNode deleted;

  EmbeddedDispatcher(
      KindRegistry kinds,
      BearerTokenAuth auth,
      Discovery discovery,
      Tables tables,
      io.vmconsole.api.admission.Admission admission,
      EvictionHook evictions) {
    this.kinds = kinds;
    this.auth = auth;
    this.discovery = discovery;
    this.tables = tables;
    this.writes = new Writes(this, admission);
    this.evictions = new Evictions(this, writes, evictions);
    this.lock = parentLock();
  }

  // The stock WebSocket watch lists the store under the parent's private lock; sharing that lock
  // keeps our writes and its initial listing from interleaving.
  private ReadWriteLock parentLock() {
    try {
      Field f = KubernetesCrudDispatcher.class.getDeclaredField("lock");
      f.setAccessible(true);
      return (ReadWriteLock) f.get(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "fabric8's KubernetesCrudDispatcher changed: no lock field", e);
    }
  }

  void addListener(ChangeListener listener) {
    listeners.add(listener);
  }

  KindRegistry kinds() {
    return kinds;
  }

  Tables tables() {
    return tables;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (!auth.accepts(request.getHeader("Authorization"))) {
      return reply(Statuses.unauthorized());
    }
    String uri = request.getPath();
    if (OpenApiV2.serves(uri)) {
      return OpenApiV2.wantsProtobuf(request.getHeader("Accept"))
          ? new MockResponse()
              .setResponseCode(200)
              .setHeader("Content-Type", OpenApiV2.PROTOBUF_CONTENT_TYPE)
              .setBody(OpenApiV2.protobuf())
          : reply(200, OpenApiV2.json());
    }
    JsonNode discovered = discovery.answer(uri);
    if (discovered != null) {
      return reply(200, discovered);
    }
    ApiPath path = ApiPath.parse(uri);
    ResourceKind kind =
        path == null ? null : kinds.find(path.group(), path.version(), path.plural()).orElse(null);
    if (kind == null) {
      return reply(
          Statuses.failure(
              404, "NotFound", "the server could not find the requested resource", null));
    }
    String contentType = request.getHeader("Content-Type");
    boolean protobuf = contentType != null && contentType.contains("protobuf");
    if (protobuf
        && !("POST".equals(request.getMethod())
            && path.subresource() == null
            && ProtobufBodies.reads(kind.kind()))) {
      return reply(
          Statuses.unsupportedMediaType(
              contentType
                  + " (protobuf is read only to create a Namespace,"
                  + " Secret, ConfigMap or ServiceAccount: use kubectl apply -f with YAML or JSON)"));
    }
    try {
      switch (request.method()) {
        case GET:
          if (path.isWatch()) {
            return request.getHeader("Upgrade") != null
                ? handleWatch(uri)
                : reply(Statuses.badRequest("HTTP watches are served by the API front"));
          }
          return read(path, kind, request.getHeader("Accept"));
        case POST:
          if ("eviction".equals(path.subresource())
              && kind.plural().equals("pods")
              && kind.group().isEmpty()) {
            return locked(lock.writeLock(), () -> evictions.evict(kind, path));
          }
          String body;
          try {
            body =
                protobuf
                    ? ProtobufBodies.toJson(kind.kind(), request.getBody().readByteArray())
                    : request.getUtf8Body();
          } catch (InvalidProtocolBufferException e) {
            return reply(
                Statuses.badRequest("the protobuf body could not be read: " + e.getMessage()));
          }
          return locked(lock.writeLock(), () -> writes.create(kind, path, body));
        case PUT:
          return locked(lock.writeLock(), () -> writes.update(kind, path, request.getUtf8Body()));
        case PATCH:
          return locked(
              lock.writeLock(),
              () ->
                  writes.patch(
                      kind, path, request.getHeader("Content-Type"), request.getUtf8Body()));
        case DELETE:
          return locked(lock.writeLock(), () -> writes.delete(kind, path, request.getUtf8Body()));
        default:
          return reply(Statuses.methodNotAllowed(request.getMethod() + " is not supported"));
      }
    } catch (InvalidSelector | InvalidParameter e) {
      return reply(Statuses.badRequest(e.getMessage()));
    } catch (RuntimeException e) {
      // Every request gets an answer: without one the client waits for ever.
      LOG.log(
          Level.SEVERE, "request " + request.getMethod() + " " + LogSafe.text(uri) + " failed", e);
      return reply(
          Statuses.failure(
              500,
              "InternalError",
              "an error on the server ("
                  + e.getClass().getSimpleName()
                  + ") has prevented the request from succeeding",
              null));
    }
  }

  /** A query parameter a client got wrong. */
  static final class InvalidParameter extends RuntimeException {
    InvalidParameter(String message) {
      super(message);
    }
  }

  private MockResponse read(ApiPath path, ResourceKind kind, String accept) {
    return locked(
        lock.readLock(),
        () -> {
          boolean table = Tables.wantsTable(accept);
          String rv = String.valueOf(resourceVersion.get());
          if (path.name() != null) {
            ObjectIndex.Entry e = index.get(path.objectKey());
            if (e == null) {
              return reply(Statuses.notFound(kind, path.name()));
            }
            return reply(
                200,
                table
                    ? tables.table(kind, List.of(e.object()), rv, path.param("includeObject"))
                    : e.object());
          }
          int limit = ListPaging.limit(path.param("limit"));
          String after = ListPaging.after(path.param("continue"));
          ObjectIndex.Page page = index.scan(prefix(path), after, limit, filter(path));
          if (table) {
            ObjectNode t = tables.table(kind, page.items(), rv, path.param("includeObject"));
            ListPaging.continuation((ObjectNode) t.get("metadata"), page);
            return reply(200, t);
          }
          ObjectNode list = Patches.JSON.createObjectNode();
          list.put("apiVersion", kind.apiVersion()).put("kind", kind.kind() + "List");
          ObjectNode meta = list.putObject("metadata").put("resourceVersion", rv);
          ListPaging.continuation(meta, page);
          list.putArray("items").addAll(page.items());
          return reply(200, list);
        });
  }

  static String prefix(ApiPath path) {
    return path.namespace() == null ? path.kindKey() : path.collectionKey();
  }

  static Predicate<JsonNode> filter(ApiPath path) {
    return Selectors.labels(path.param("labelSelector"))
        .and(Selectors.fields(path.param("fieldSelector")));
  }

  /**
   * Current objects matching a list path (a watch without a starting version sends them as ADDED).
   */
  List<ObjectNode> list(ApiPath path) {
    return locked(lock.readLock(), () -> index.scan(prefix(path), null, 0, filter(path)).items());
  }

  /** Runs {@code task} while no write can commit, e.g. to list and subscribe without a gap. */
  <T> T whileNoWrites(Supplier<T> task) {
    return locked(lock.readLock(), task);
  }

  long currentResourceVersion() {
    return resourceVersion.get();
  }

  // ---- store access for Writes and Persistence (callers hold the write lock) ----

  ObjectNode stored(ApiPath path) {
    ObjectIndex.Entry e = index.get(path.objectKey());
    return e == null ? null : e.object();
  }

  /** Removes an object; {@code finalState} carries the deletion's resourceVersion for watchers. */
  void commitDeletion(ApiPath path, ObjectNode finalState) {
    deleted = finalState;
    try {
      commit(path, null);
    } finally {
      deleted = null;
    }
  }

  /** Commits a change (null newObject = removal) through the stock processEvent. */
  void commit(ApiPath path, ObjectNode newObject) {
    ObjectIndex.Entry old = index.get(path.objectKey());
    String url = path.objectUrl();
    String json = newObject == null ? null : newObject.toString();
    // Hand the parsed forms along so neither the parent nor we parse the JSON again.
    GenericKubernetesResource resource =
        newObject == null
            ? null
            : Patches.JSON.convertValue(newObject, GenericKubernetesResource.class);
    committing = newObject;
    try {
      processEvent(url, getKey(url), old == null ? null : old.attributes(), resource, json);
    } finally {
      committing = null;
    }
  }

  /** Feeds a stored object back before the server starts; advances the counter past its version. */
  void load(ApiPath path, ObjectNode object) {
    locked(
        lock.writeLock(),
        () -> {
          commit(path, object);
          long rv = parseLong(object.path("metadata").path("resourceVersion").asText());
          resourceVersion.accumulateAndGet(rv, Math::max);
          return null;
        });
  }

  /**
   * Stores a server-defined object (the CRDs we were given) unless a previous run stored it
   * already.
   */
  void createIfAbsent(ApiPath path, ObjectNode object) {
    ResourceKind kind = kinds.find(path.group(), path.version(), path.plural()).orElseThrow();
    locked(
        lock.writeLock(),
        () -> stored(path) != null ? null : writes.create(kind, path, object.toString()));
  }

  @Override
  public long requestResourceVersion() {
    return resourceVersion.incrementAndGet();
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    ApiPath object = ApiPath.parse(path);
    ObjectIndex.Entry old = index.get(object.objectKey());
    ObjectNode newObject = null;
    if (newState == null) {
      index.remove(object.objectKey());
    } else {
      newObject = committing != null ? committing : parse(newState);
      AttributeSet attributes =
          resource != null
              ? ((KubernetesAttributesExtractor) attributeExtractor).extract(resource)
              : attributeExtractor.fromResource(newState);
      // The same rule the parent uses: core kinds take their plural from the path.
      if (!attributes.containsKey(KubernetesAttributesExtractor.PLURAL)) {
        attributes = AttributeSet.merge(pathAttributes, attributes);
      }
      index.put(object.objectKey(), new ObjectIndex.Entry(attributes, newObject));
    }
    ObjectNode oldObject = old == null ? null : old.object();
    for (ChangeListener l : listeners) {
      l.changed(
          object,
          oldObject,
          newObject,
          newObject != null ? newObject : deleted != null ? deleted : oldObject);
    }
  }

  int size() {
    return locked(lock.readLock(), index::size);
  }

  static ObjectNode parse(String json) {
    try {
      JsonNode n = Patches.JSON.readTree(json);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return (ObjectNode) n;
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static MockResponse reply(Failure f) {
    return reply(f.code(), f.body());
  }

  static MockResponse reply(int code, JsonNode body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }

  private static <T> T locked(Lock l, Supplier<T> task) {
    l.lock();
    try {
      return task.get();
    } finally {
      l.unlock();
    }
  }
}
