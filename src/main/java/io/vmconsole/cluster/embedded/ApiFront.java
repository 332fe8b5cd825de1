package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vmconsole.cluster.embedded.Statuses.Failure;
import io.vmconsole.cluster.embedded.store.ObjectStore;
import io.vmconsole.pki.IssuedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The API port: TLS, the bearer token, the body limit, and the two kinds of request. Watches are
 * served here from the {@link WatchHub}; every other request is read whole and handed to the {@link
 * RequestPipeline} (on the event loop, lists on a worker thread: see {@code dispatch}), its answer
 * written back once durable.
 */
final class ApiFront implements AutoCloseable {

  /** kube-apiserver's limit on a request body: etcd keeps no larger object. */
  static final long MAX_BODY_BYTES = 3L * 1024 * 1024;

  private final Vertx vertx;
  private final BearerTokenAuth auth;
  private final RequestPipeline pipeline;
  private final ObjectStore store;
  private final StoredObjects objects;
  private final KindRegistry kinds;
  private final Tables tables;
  private final WatchHub hub;
  private HttpServer server;

  ApiFront(
      Vertx vertx,
      BearerTokenAuth auth,
      RequestPipeline pipeline,
      StoredObjects objects,
      KindRegistry kinds,
      Tables tables,
      WatchHub hub) {
    this.vertx = vertx;
    this.auth = auth;
    this.pipeline = pipeline;
    this.objects = objects;
    this.store = objects.store();
    this.kinds = kinds;
    this.tables = tables;
    this.hub = hub;
  }

  /** Binds 127.0.0.1:port (0 = any free port) with TLS, and answers the bound port. */
  int start(int port, IssuedCertificate serving) throws Exception {
    // TLS because kubectl (client-go) never sends a bearer token over plain HTTP. The certificate
    // is issued by the console's CA, whose certificate kubeconfigs carry, so clients verify it.
    PemKeyCertOptions certificate =
        new PemKeyCertOptions()
            .setCertValue(Buffer.buffer(serving.certificatePem()))
            .setKeyValue(Buffer.buffer(serving.privateKeyPem()));
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setSsl(true)
                    // The JDK's TLS engine wants heap buffers, which Vert.x otherwise allocates
                    // (and zeroes) afresh for every record written or read.
                    .setSslEngineOptions(new JdkSSLEngineOptions().setPooledHeapBuffers(true))
                    .setKeyCertOptions(certificate))
            .requestHandler(this::handle)
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    if (!auth.accepts(req.getHeader(HttpHeaders.AUTHORIZATION))) {
      fail(req, Statuses.unauthorized());
      return;
    }
    boolean upgrade = "websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE));
    ApiPath path = ApiPath.parse(req.uri());
    if (path != null && path.isWatch() && req.method() == HttpMethod.GET) {
      try {
        watch(req, path, upgrade);
      } catch (RequestPipeline.InvalidParameter | Selectors.InvalidSelector e) {
        fail(req, Statuses.badRequest(e.getMessage()));
      }
    } else if (upgrade) {
      fail(req, Statuses.badRequest("only watches are served over WebSocket"));
    } else {
      readBody(req, body -> dispatch(req, path, body));
    }
  }

  /**
   * Reads the body, answering 413 as soon as it passes the limit (by its declared length, or as it
   * streams in), so no oversized body is ever held whole.
   */
  private static void readBody(HttpServerRequest req, Consumer<byte[]> then) {
    if (tooLarge(req.getHeader(HttpHeaders.CONTENT_LENGTH))) {
      tooLarge(req);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    req.handler(
        chunk -> {
          if (refused[0]) {
            return;
          }
          if (body.length() + chunk.length() > MAX_BODY_BYTES) {
            refused[0] = true;
            tooLarge(req);
            return;
          }
          body.appendBuffer(chunk);
        });
    req.endHandler(
        v -> {
          if (!refused[0]) {
            then.accept(body.getBytes());
          }
        });
  }

  private static void tooLarge(HttpServerRequest req) {
    // The rest of the body is not read: the connection cannot be reused.
    req.response().putHeader(HttpHeaders.CONNECTION, "close");
    fail(req, Statuses.requestEntityTooLarge(MAX_BODY_BYTES));
  }

  private static boolean tooLarge(String contentLength) {
    try {
      return contentLength != null && Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void dispatch(HttpServerRequest req, ApiPath path, byte[] body) {
    ApiRequest request = new ApiRequest(req.method().name(), req.uri(), path, req::getHeader, body);
    Context context = vertx.getOrCreateContext();
    // Gets and writes take well under a millisecond of CPU and no I/O (the log's thread forces):
    // run on the event loop, since every thread hop costs about as much on a 2-core machine. A
    // list may serialise thousands of objects: a worker takes it, so other requests keep flowing.
    boolean list = req.method() == HttpMethod.GET && path != null && path.name() == null;
    Future<java.util.concurrent.CompletableFuture<ApiResponse>> handled =
        list
            ? vertx.executeBlocking(() -> pipeline.handle(request), false)
            : Future.succeededFuture(pipeline.handle(request));
    handled
        .compose(answer -> Future.fromCompletionStage(answer, context))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                fail(
                    req,
                    Statuses.failure(
                        500, "InternalError", "request failed: " + ar.cause().getMessage(), null));
                return;
              }
              ApiResponse r = ar.result();
              HttpServerResponse out =
                  req.response()
                      .setStatusCode(r.code())
                      .putHeader(HttpHeaders.CONTENT_TYPE, r.contentType());
              List<String> warnings = r.warningHeaders();
              if (!warnings.isEmpty()) {
                out.putHeader("Warning", warnings);
              }
              out.end(Buffer.buffer(r.body()));
            });
  }

  /**
   * Serves a watch from the hub: chunked JSON lines over HTTP (kubectl get -w), or one binary frame
   * per event over a WebSocket (fabric8 informers; kube-apiserver frames them so too). Both support
   * every selector and resourceVersion.
   */
  private void watch(HttpServerRequest req, ApiPath path, boolean webSocket) {
    ResourceKind kind = kinds.find(path.group(), path.version(), path.plural()).orElse(null);
    if (kind == null) {
      fail(
          req,
          Statuses.failure(
              404, "NotFound", "the server could not find the requested resource", null));
      return;
    }
    boolean table = Tables.wantsTable(req.getHeader(HttpHeaders.ACCEPT));
    EventForm form = new EventForm(kind, table, path.param("includeObject"));
    Context context = vertx.getOrCreateContext();
    if (webSocket) {
      req.toWebSocket()
          .onSuccess(
              ws ->
                  open(
                      new WatchStream() {
                        @Override
                        public void send(Buffer event) {
                          if (!ws.isClosed()) {
                            ws.writeBinaryMessage(event);
                          }
                        }

                        @Override
                        public void end() {
                          if (!ws.isClosed()) {
                            ws.close();
                          }
                        }
                      },
                      path,
                      form,
                      context,
                      ws::closeHandler));
      return;
    }
    var res = req.response().setChunked(true).putHeader("Content-Type", "application/json");
    res.writeHead();
    open(
        new WatchStream() {
          @Override
          public void send(Buffer event) {
            if (!res.ended() && !res.closed()) {
              res.write(event);
            }
          }

          @Override
          public void end() {
            if (!res.ended() && !res.closed()) {
              res.end();
            }
          }
        },
        path,
        form,
        context,
        res::closeHandler);
  }

  /** The two transports of a watch. */
  private interface WatchStream {
    void send(Buffer event);

    void end();
  }

  private void open(
      WatchStream stream,
      ApiPath path,
      EventForm form,
      Context context,
      Consumer<io.vertx.core.Handler<Void>> onClose) {
    String rv = path.param("resourceVersion");
    boolean fromNow = rv == null || rv.isEmpty() || rv.equals("0");
    WatchHub.Subscription sub;
    try {
      sub =
          store.read(
              () ->
                  hub.subscribe(
                      path,
                      rv,
                      fromNow ? objects.list(path) : List.of(),
                      store.resourceVersion(),
                      // Encoded on the watch's own event loop, not the store's log thread; the
                      // first watch to get there encodes for all.
                      (type, object, encodings) ->
                          context.runOnContext(
                              v ->
                                  stream.send(
                                      encodings.get(
                                          form.key(type), k -> form.encode(type, object))))));
    } catch (RequestPipeline.InvalidParameter | Selectors.InvalidSelector e) {
      stream.send(Buffer.buffer(error(400, "BadRequest", e.getMessage())));
      stream.end();
      return;
    }
    if (sub == null) {
      stream.send(Buffer.buffer(error(410, "Expired", "too old resource version: " + rv)));
      stream.end();
      return;
    }
    onClose.accept(v -> sub.close());
    String timeout = path.param("timeoutSeconds");
    if (timeout != null && !timeout.isEmpty()) {
      vertx.setTimer(
          Math.max(1, Long.parseLong(timeout)) * 1000,
          t -> {
            sub.close();
            stream.end();
          });
    }
  }

  private static String error(int code, String reason, String message) {
    ObjectNode e = Patches.JSON.createObjectNode().put("type", "ERROR");
    e.set("object", Statuses.failure(code, reason, message, null).body());
    return e + "\n";
  }

  /** How a watch wants its events: plain objects, or Table rows (kubectl get -w). */
  private final class EventForm {
    private final ResourceKind kind;
    private final boolean table;
    private final String includeObject;

    EventForm(ResourceKind kind, boolean table, String includeObject) {
      this.kind = kind;
      this.table = table;
      this.includeObject = includeObject;
    }

    String key(String type) {
      return table ? type + "|table|" + includeObject : type;
    }

    /** One event line, serialised straight into the buffer every watch of this form sends. */
    Buffer encode(String type, ObjectNode object) {
      Buffer buffer = Buffer.buffer(256);
      OutputStream out =
          new OutputStream() {
            @Override
            public void write(int b) {
              buffer.appendByte((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
              buffer.appendBytes(b, off, len);
            }
          };
      try (JsonGenerator json = Patches.JSON.getFactory().createGenerator(out)) {
        json.writeStartObject();
        json.writeStringField("type", type);
        json.writeFieldName("object");
        Patches.JSON.writeTree(
            json,
            table
                ? tables.table(
                    kind,
                    List.of(object),
                    object.path("metadata").path("resourceVersion").asText(),
                    includeObject)
                : object);
        json.writeEndObject();
      } catch (IOException e) {
        throw new IllegalStateException("a tree always serialises", e);
      }
      return buffer.appendByte((byte) '\n');
    }
  }

  private static void fail(HttpServerRequest req, Failure f) {
    req.response()
        .setStatusCode(f.code())
        .putHeader("Content-Type", "application/json")
        .end(f.body().toString());
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
