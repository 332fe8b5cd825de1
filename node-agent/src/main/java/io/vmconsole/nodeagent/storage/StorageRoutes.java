package io.vmconsole.nodeagent.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vmconsole.nodeagent.api.Reply;
import io.vmconsole.nodeagent.api.Route;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code /v1/storage/...} calls (API.md, "Storage — implemented"). The only class the agent's
 * wiring knows of this package: {@link #routes()} joins the route table, {@link #capabilities()}
 * the capabilities. Blocking work runs on the storage workers; replies are sent from the request's
 * own Vert.x context.
 */
public final class StorageRoutes {
  private static final String V = "v1";
  private final StorageService service;

  public StorageRoutes(StorageService service) {
    this.service = service;
  }

  /**
   * @param sharedPool null: {@code <stateDir>/shared-pool} (set it explicitly when several agents
   *     share a host)
   * @param localPool null: no node-local pool
   */
  public static StorageRoutes create(
      Path sharedPool, Path localPool, Path stateDir, StorageEvents events) {
    Path shared = sharedPool != null ? sharedPool : stateDir.resolve("shared-pool");
    return new StorageRoutes(new StorageService(Pools.open(shared, localPool), "qemu-img", events));
  }

  public StorageService service() {
    return service;
  }

  /** The {@code storage} block of the capabilities; free bytes are read when serialised. */
  public record Capabilities(List<StoragePool> pools) {}

  public Capabilities capabilities() {
    return new Capabilities(service.poolList());
  }

  public List<Route> routes() {
    List<Route> r = new ArrayList<>();
    r.add(route("GET", "/v1/storage/pools", req -> now(Map.of("pools", service.poolList()))));
    r.add(route("POST", "/v1/storage/disks", req -> withBody(req, 201, service::createDisk)));
    r.add(
        route(
            "POST",
            "/v1/storage/disks/{uid}/grow",
            req -> withBody(req, 200, b -> service.grow(id(req, 4), b))));
    for (StorageKind kind : StorageKind.values()) {
      String path = "/v1/storage/" + kind.dir() + "/{uid}";
      r.add(route("GET", path, req -> blocking(() -> ok(service.info(kind, id(req, 4))))));
      r.add(route("DELETE", path, req -> blocking(() -> deleted(kind, id(req, 4)))));
    }
    r.add(
        route(
            "POST",
            "/v1/storage/imports",
            req -> withBody(req, 202, b -> service.importUrl(b).view())));
    r.add(
        route(
            "POST",
            "/v1/storage/uploads",
            req -> withBody(req, 202, b -> service.openUpload(b).view())));
    r.add(route("GET", "/v1/storage/jobs/{id}", req -> now(service.job(id(req, 4)).view())));
    for (String method : List.of("PUT", "POST")) {
      r.add(route(method, "/v1/storage/jobs/{id}/data", this::upload));
    }
    return List.copyOf(r);
  }

  private Reply deleted(StorageKind kind, String uid) {
    service.delete(kind, uid);
    return ok(Map.of("deleted", uid));
  }

  private CompletionStage<Reply> upload(HttpServerRequest req) {
    Context ctx = Vertx.currentContext();
    return service
        .uploads()
        .receive(req, id(req, 4))
        .thenCompose(job -> onContext(ctx, ok(job.view())));
  }

  /** Every endpoint runs through here, so a refusal thrown anywhere becomes its JSON reply. */
  private static Route route(String method, String path, Route.Endpoint endpoint) {
    return new Route(
        method,
        path,
        V,
        req -> {
          try {
            return endpoint.handle(req).exceptionally(StorageRoutes::refusal);
          } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(refusal(e));
          }
        });
  }

  private static Reply refusal(Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof StorageError e) {
      Map<String, Object> body = new HashMap<>();
      body.put("error", e.getMessage());
      if (e.field() != null) {
        body.put("field", e.field());
      }
      return new Reply(e.status(), body);
    }
    throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
  }

  private CompletionStage<Reply> withBody(
      HttpServerRequest req, int status, Function<JsonNode, Object> call) {
    Context ctx = Vertx.currentContext();
    return StorageJson.body(req)
        .thenCompose(body -> blocking(ctx, () -> new Reply(status, call.apply(body))));
  }

  private CompletionStage<Reply> blocking(Supplier<Reply> work) {
    return blocking(Vertx.currentContext(), work);
  }

  /** Runs {@code work} on a storage worker and completes on {@code ctx} (the request's loop). */
  private CompletionStage<Reply> blocking(Context ctx, Supplier<Reply> work) {
    CompletableFuture<Reply> result = new CompletableFuture<>();
    service
        .opWorkers()
        .execute(
            () -> {
              Reply reply;
              try {
                reply = work.get();
              } catch (RuntimeException e) {
                ctx.runOnContext(v -> result.completeExceptionally(e));
                return;
              }
              ctx.runOnContext(v -> result.complete(reply));
            });
    return result;
  }

  private static CompletionStage<Reply> onContext(Context ctx, Reply reply) {
    CompletableFuture<Reply> result = new CompletableFuture<>();
    ctx.runOnContext(v -> result.complete(reply));
    return result;
  }

  private static CompletionStage<Reply> now(Object body) {
    return CompletableFuture.completedFuture(ok(body));
  }

  private static Reply ok(Object body) {
    return Reply.ok(body);
  }

  /** Path segment {@code i} ({@code /v1/storage/jobs/X}: 4 is X), checked as a uid-like token. */
  private static String id(HttpServerRequest req, int i) {
    String[] parts = req.path().split("/");
    return SafeId.require(parts[i], i == 4 && parts[3].equals("jobs") ? "id" : "uid");
  }
}
