package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vmconsole.base.LogSafe;
import io.vmconsole.cluster.embedded.Selectors.InvalidSelector;
import io.vmconsole.cluster.embedded.store.ObjectStore;
import io.vmconsole.cluster.embedded.store.StoreFailedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every request but watches, in the order a kube-apiserver takes it: authenticate, find the kind,
 * decode the body, admit and store ({@link Writes}, under the store's write lock), and answer once
 * what the answer shows is durable. Watches are told of the change by the store itself once it is
 * durable ({@link WatchHub}). Later stages (authorisation, webhooks, schemas) slot in here, the one
 * place every request passes.
 */
final class RequestPipeline {

  private static final Logger LOG = Logger.getLogger(RequestPipeline.class.getName());

  /** A query parameter a client got wrong. */
  static final class InvalidParameter extends RuntimeException {
    InvalidParameter(String message) {
      super(message);
    }
  }

  private final KindRegistry kinds;
  private final BearerTokenAuth auth;
  private final Discovery discovery;
  private final Tables tables;
  private final StoredObjects objects;
  private final Writes writes;
  private final Evictions evictions;

  RequestPipeline(
      KindRegistry kinds,
      BearerTokenAuth auth,
      Discovery discovery,
      Tables tables,
      StoredObjects objects,
      Writes writes,
      Evictions evictions) {
    this.kinds = kinds;
    this.auth = auth;
    this.discovery = discovery;
    this.tables = tables;
    this.objects = objects;
    this.writes = writes;
    this.evictions = evictions;
  }

  /**
   * The answer, completed once everything it reflects is on disk: a write is acknowledged only when
   * durable, and a read never shows what a crash could take back.
   */
  CompletableFuture<ApiResponse> handle(ApiRequest request) {
    ApiResponse response;
    try {
      response = route(request);
      response.body();
    } catch (StoreFailedException e) {
      return CompletableFuture.completedFuture(unavailable(e));
    }
    return objects
        .store()
        .whenDurable()
        .handle((done, failure) -> failure == null ? response : unavailable(failure));
  }

  private static ApiResponse unavailable(Throwable failure) {
    return ApiResponse.of(
        Statuses.failure(
            503,
            "ServiceUnavailable",
            "the API server cannot store changes: "
                + failure.getMessage()
                + "; restart it once the disk is fixed",
            null));
  }

  private ApiResponse route(ApiRequest request) {
    if (!auth.accepts(request.header("Authorization"))) {
      return ApiResponse.of(Statuses.unauthorized());
    }
    String uri = request.uri();
    if (OpenApiV2.serves(uri)) {
      return OpenApiV2.wantsProtobuf(request.header("Accept"))
          ? ApiResponse.bytes(200, OpenApiV2.PROTOBUF_CONTENT_TYPE, OpenApiV2.protobuf())
          : ApiResponse.json(200, OpenApiV2.json());
    }
    JsonNode discovered = discovery.answer(uri);
    if (discovered != null) {
      return ApiResponse.json(200, discovered);
    }
    ApiPath path = request.path();
    ResourceKind kind =
        path == null ? null : kinds.find(path.group(), path.version(), path.plural()).orElse(null);
    if (kind == null) {
      return ApiResponse.of(
          Statuses.failure(
              404, "NotFound", "the server could not find the requested resource", null));
    }
    String contentType = request.header("Content-Type");
    boolean protobuf = contentType != null && contentType.contains("protobuf");
    if (protobuf
        && !("POST".equals(request.method())
            && path.subresource() == null
            && ProtobufBodies.reads(kind.kind()))) {
      return ApiResponse.of(
          Statuses.unsupportedMediaType(
              contentType
                  + " (protobuf is read only to create a Namespace,"
                  + " Secret, ConfigMap or ServiceAccount: use kubectl apply -f with YAML or JSON)"));
    }
    ObjectStore store = objects.store();
    try {
      switch (request.method()) {
        case "GET":
          if (path.isWatch()) {
            return ApiResponse.of(Statuses.badRequest("watches are served by the API front"));
          }
          return store.read(() -> read(path, kind, request.header("Accept")));
        case "POST":
          if ("eviction".equals(path.subresource())
              && kind.plural().equals("pods")
              && kind.group().isEmpty()) {
            return store.write(() -> evictions.evict(kind, path));
          }
          String body;
          try {
            body =
                protobuf ? ProtobufBodies.toJson(kind.kind(), request.body()) : request.utf8Body();
          } catch (InvalidProtocolBufferException e) {
            return ApiResponse.of(
                Statuses.badRequest("the protobuf body could not be read: " + e.getMessage()));
          }
          return store.write(() -> writes.create(kind, path, body));
        case "PUT":
          return store.write(() -> writes.update(kind, path, request.utf8Body()));
        case "PATCH":
          return store.write(() -> writes.patch(kind, path, contentType, request.utf8Body()));
        case "DELETE":
          return store.write(() -> writes.delete(kind, path, request.utf8Body()));
        default:
          return ApiResponse.of(Statuses.methodNotAllowed(request.method() + " is not supported"));
      }
    } catch (InvalidSelector | InvalidParameter e) {
      return ApiResponse.of(Statuses.badRequest(e.getMessage()));
    } catch (StoreFailedException e) {
      throw e;
    } catch (RuntimeException e) {
      // Every request gets an answer: without one the client waits for ever.
      LOG.log(Level.SEVERE, "request " + request.method() + " " + LogSafe.text(uri) + " failed", e);
      return ApiResponse.of(
          Statuses.failure(
              500,
              "InternalError",
              "an error on the server ("
                  + e.getClass().getSimpleName()
                  + ") has prevented the request from succeeding",
              null));
    }
  }

  private ApiResponse read(ApiPath path, ResourceKind kind, String accept) {
    boolean table = Tables.wantsTable(accept);
    String rv = String.valueOf(objects.currentResourceVersion());
    if (path.name() != null) {
      ObjectNode found = objects.stored(path);
      if (found == null) {
        return ApiResponse.of(Statuses.notFound(kind, path.name()));
      }
      return ApiResponse.json(
          200, table ? tables.table(kind, List.of(found), rv, path.param("includeObject")) : found);
    }
    int limit = ListPaging.limit(path.param("limit"));
    String after = ListPaging.after(path.param("continue"));
    ObjectStore.Page page = objects.page(path, after, limit);
    if (table) {
      ObjectNode t = tables.table(kind, page.items(), rv, path.param("includeObject"));
      ListPaging.continuation((ObjectNode) t.get("metadata"), page);
      return ApiResponse.json(200, t);
    }
    ObjectNode list = Patches.JSON.createObjectNode();
    list.put("apiVersion", kind.apiVersion()).put("kind", kind.kind() + "List");
    ObjectNode meta = list.putObject("metadata").put("resourceVersion", rv);
    ListPaging.continuation(meta, page);
    list.putArray("items").addAll(page.items());
    return ApiResponse.json(200, list);
  }
}
