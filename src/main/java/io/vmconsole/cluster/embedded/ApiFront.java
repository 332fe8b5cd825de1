package io.vmconsole.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vmconsole.cluster.embedded.Statuses.Failure;
import io.vmconsole.pki.IssuedCertificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The API port. The mock can only answer with complete bodies or WebSocket upgrades, so this front
 * serves every watch (plain HTTP for {@code kubectl get -w}, WebSocket for fabric8) from the {@link
 * WatchHub} itself and relays every other request to the mock on its own loopback port.
 */
final class ApiFront implements AutoCloseable {

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length");

  /** kube-apiserver's limit on a request body: etcd keeps no larger object. */
  static final long MAX_BODY_BYTES = 3L * 1024 * 1024;

  private final Vertx vertx;
  private final BearerTokenAuth auth;
  private final EmbeddedDispatcher dispatcher;
  private final WatchHub hub;
  private final int mockPort;
  private final HttpClient client;
  private HttpServer server;

  ApiFront(
      Vertx vertx,
      BearerTokenAuth auth,
      EmbeddedDispatcher dispatcher,
      WatchHub hub,
      int mockPort) {
    this.vertx = vertx;
    this.auth = auth;
    this.dispatcher = dispatcher;
    this.hub = hub;
    this.mockPort = mockPort;
    this.client = vertx.createHttpClient();
  }

  /** Binds 127.0.0.1:port (0 = any free port) with TLS, and answers the bound port. */
  int start(int port, IssuedCertificate serving) throws Exception {
    // TLS because kubectl (client-go) never sends a bearer token over plain HTTP. The certificate
    // is
    // issued by the console's CA, whose certificate kubeconfigs carry, so clients verify it.
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
    boolean watch =
        path != null && path.isWatch() && req.method() == io.vertx.core.http.HttpMethod.GET;
    if (watch) {
      watch(req, path, upgrade);
    } else if (upgrade) {
      relayWebSocket(req);
    } else {
      relay(req);
    }
  }

  private void relay(HttpServerRequest req) {
    if (tooLarge(req.getHeader(HttpHeaders.CONTENT_LENGTH))) {
      fail(req, Statuses.requestEntityTooLarge(MAX_BODY_BYTES));
      return;
    }
    req.body()
        .compose(
            body ->
                body.length() > MAX_BODY_BYTES
                    ? Future.failedFuture(new BodyTooLarge())
                    : client
                        .request(
                            new RequestOptions()
                                .setMethod(req.method())
                                .setHost("127.0.0.1")
                                .setPort(mockPort)
                                .setURI(req.uri())
                                .setHeaders(endToEnd(req.headers())))
                        .compose(upstream -> upstream.send(body))
                        .compose(
                            res ->
                                res.body()
                                    .map(
                                        b -> {
                                          var out = req.response().setStatusCode(res.statusCode());
                                          out.headers().addAll(endToEnd(res.headers()));
                                          out.end(b);
                                          return null;
                                        })))
        .onFailure(
            e ->
                fail(
                    req,
                    e instanceof BodyTooLarge
                        ? Statuses.requestEntityTooLarge(MAX_BODY_BYTES)
                        : Statuses.failure(
                            502, "InternalError", "relay failed: " + e.getMessage(), null)));
  }

  private static boolean tooLarge(String contentLength) {
    try {
      return contentLength != null && Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A body read whole and found over the limit (one sent without a length). */
  private static final class BodyTooLarge extends RuntimeException {
    BodyTooLarge() {
      super(null, null, false, false);
    }
  }

  private void relayWebSocket(HttpServerRequest req) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(mockPort)
            .setURI(req.uri())
            .addHeader("Authorization", req.getHeader(HttpHeaders.AUTHORIZATION));
    req.pause();
    client
        .webSocket(options)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                req.resume();
                fail(
                    req,
                    Statuses.failure(
                        502,
                        "InternalError",
                        "watch relay failed: " + ar.cause().getMessage(),
                        null));
                return;
              }
              WebSocket upstream = ar.result();
              req.toWebSocket()
                  .onSuccess(down -> bridge(down, upstream))
                  .onFailure(e -> upstream.close());
            });
  }

  private static void bridge(ServerWebSocket down, WebSocket up) {
    up.textMessageHandler(down::writeTextMessage);
    up.binaryMessageHandler(down::writeBinaryMessage);
    down.textMessageHandler(up::writeTextMessage);
    down.binaryMessageHandler(up::writeBinaryMessage);
    up.closeHandler(v -> down.close());
    down.closeHandler(v -> up.close());
  }

  /**
   * Serves a watch from the hub: chunked JSON lines over HTTP (kubectl get -w), or one text frame
   * per event over a WebSocket (fabric8 informers). Both support every selector and
   * resourceVersion.
   */
  private void watch(HttpServerRequest req, ApiPath path, boolean webSocket) {
    ResourceKind kind =
        dispatcher.kinds().find(path.group(), path.version(), path.plural()).orElse(null);
    if (kind == null) {
      fail(
          req,
          Statuses.failure(
              404, "NotFound", "the server could not find the requested resource", null));
      return;
    }
    boolean table = Tables.wantsTable(req.getHeader(HttpHeaders.ACCEPT));
    String includeObject = path.param("includeObject");
    Context context = vertx.getOrCreateContext();
    if (webSocket) {
      req.toWebSocket()
          .onSuccess(
              ws -> {
                WatchStream s =
                    new WatchStream() {
                      @Override
                      public void send(String line) {
                        if (!ws.isClosed()) {
                          ws.writeTextMessage(line);
                        }
                      }

                      @Override
                      public void end() {
                        if (!ws.isClosed()) {
                          ws.close();
                        }
                      }
                    };
                open(s, path, kind, table, includeObject, context, ws::closeHandler);
              });
      return;
    }
    var res = req.response().setChunked(true).putHeader("Content-Type", "application/json");
    res.writeHead();
    WatchStream stream =
        new WatchStream() {
          @Override
          public void send(String line) {
            if (!res.ended() && !res.closed()) {
              res.write(line + "\n");
            }
          }

          @Override
          public void end() {
            if (!res.ended() && !res.closed()) {
              res.end();
            }
          }
        };
    open(stream, path, kind, table, includeObject, context, res::closeHandler);
  }

  /** The two transports of a watch. */
  private interface WatchStream {
    void send(String line);

    void end();
  }

  private void open(
      WatchStream stream,
      ApiPath path,
      ResourceKind kind,
      boolean table,
      String includeObject,
      Context context,
      java.util.function.Consumer<io.vertx.core.Handler<Void>> onClose) {
    String rv = path.param("resourceVersion");
    WatchHub.Subscription sub =
        dispatcher.whileNoWrites(
            () ->
                hub.subscribe(
                    path,
                    rv,
                    rv == null || rv.isEmpty() || rv.equals("0")
                        ? dispatcher.list(path)
                        : List.of(),
                    (type, object) ->
                        context.runOnContext(
                            v -> stream.send(event(kind, type, object, table, includeObject)))));
    if (sub == null) {
      stream.send(expired(rv));
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

  private static String expired(String rv) {
    ObjectNode e = Patches.JSON.createObjectNode().put("type", "ERROR");
    e.set(
        "object", Statuses.failure(410, "Expired", "too old resource version: " + rv, null).body());
    return e.toString();
  }

  private String event(
      ResourceKind kind, String type, ObjectNode object, boolean table, String includeObject) {
    ObjectNode e = Patches.JSON.createObjectNode().put("type", type);
    e.set(
        "object",
        table
            ? dispatcher
                .tables()
                .table(
                    kind,
                    List.of(object),
                    object.path("metadata").path("resourceVersion").asText(),
                    includeObject)
            : object);
    return e.toString();
  }

  private static MultiMap endToEnd(MultiMap headers) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap();
    headers.forEach(
        h -> {
          if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
            copy.add(h.getKey(), h.getValue());
          }
        });
    return copy;
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
    client.close();
  }
}
