package io.vmconsole.nodeagent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The HTTP front of the agent: authenticates every request, then dispatches by exact path. Kept on
 * vertx-core (no router library): the contract is a short, fixed list of calls.
 */
public final class ApiServer {
  private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BearerAuth auth;
  private final Map<String, List<Route>> routesByPath;
  private final Map<PathTemplate, List<Route>> routesByTemplate = new LinkedHashMap<>();

  public ApiServer(BearerAuth auth, List<Route> routes) {
    this.auth = auth;
    this.routesByPath =
        routes.stream()
            .filter(r -> !PathTemplate.isTemplate(r.path()))
            .collect(Collectors.groupingBy(Route::path));
    routes.stream()
        .filter(r -> PathTemplate.isTemplate(r.path()))
        .collect(Collectors.groupingBy(Route::path, LinkedHashMap::new, Collectors.toList()))
        .forEach((path, rs) -> routesByTemplate.put(new PathTemplate(path), rs));
  }

  /** Exact paths first (they are the common case), then templates in the order given. */
  private List<Route> candidates(String path) {
    List<Route> exact = routesByPath.get(path);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<PathTemplate, List<Route>> e : routesByTemplate.entrySet()) {
      if (e.getKey().match(path).isPresent()) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Starts listening; completes with the bound port (useful when asked for port 0). */
  public CompletableFuture<HttpServer> listen(
      Vertx vertx, HttpServerOptions options, String host, int port) {
    return vertx
        .createHttpServer(options)
        .requestHandler(this::handle)
        .listen(port, host)
        .toCompletionStage()
        .toCompletableFuture();
  }

  void handle(HttpServerRequest req) {
    // Authentication comes before routing, so an unauthenticated caller learns nothing of the
    // paths.
    if (!auth.allows(req.getHeader(HttpHeaders.AUTHORIZATION), req.path())) {
      req.response().putHeader("WWW-Authenticate", "Bearer");
      send(req, Reply.error(401, "missing or invalid bearer token"));
      return;
    }
    List<Route> candidates = candidates(req.path());
    if (candidates == null) {
      candidates = templateMatch(req.path());
    }
    if (candidates == null) {
      send(req, Reply.error(404, "no such call: " + req.path()));
      return;
    }
    Route route =
        candidates.stream()
            .filter(r -> r.method().equals(req.method().name()))
            .findFirst()
            .orElse(null);
    if (route == null) {
      req.response()
          .putHeader(
              HttpHeaders.ALLOW,
              candidates.stream().map(Route::method).collect(Collectors.joining(", ")));
      send(req, Reply.error(405, req.method().name() + " not allowed on " + req.path()));
      return;
    }
    CompletableFuture.completedFuture(route)
        .thenCompose(r -> r.endpoint().handle(req))
        .exceptionally(internalError(req))
        .thenAccept(reply -> send(req, reply));
  }

  /**
   * Paths with {@code {name}} segments (e.g. {@code /v1/storage/jobs/{id}}) match any one segment
   * there; the endpoint reads the value from the request path. Exact paths are tried first.
   */
  private List<Route> templateMatch(String path) {
    String[] actual = path.split("/", -1);
    return routesByPath.entrySet().stream()
        .filter(e -> e.getKey().contains("{") && segmentsMatch(e.getKey().split("/", -1), actual))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static boolean segmentsMatch(String[] template, String[] actual) {
    if (template.length != actual.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      boolean variable = template[i].startsWith("{") && template[i].endsWith("}");
      if (variable ? actual[i].isEmpty() : !template[i].equals(actual[i])) {
        return false;
      }
    }
    return true;
  }

  private static Function<Throwable, Reply> internalError(HttpServerRequest req) {
    return t -> {
      LOG.log(Level.WARNING, "call " + req.method() + " " + req.path() + " failed", t);
      return Reply.error(500, "internal error");
    };
  }

  private static void send(HttpServerRequest req, Reply reply) {
    if (reply == Reply.HANDLED) {
      // The endpoint answered itself (a WebSocket upgrade or a streamed body).
      return;
    }
    String body;
    try {
      body = JSON.writeValueAsString(reply.body());
    } catch (JsonProcessingException e) {
      LOG.log(Level.WARNING, "cannot serialise reply", e);
      req.response().setStatusCode(500).end("{\"error\":\"internal error\"}");
      return;
    }
    req.response()
        .setStatusCode(reply.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body);
  }
}
