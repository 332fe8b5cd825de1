package io.vmconsole.nodeagent.migration;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vmconsole.nodeagent.api.ErrorStatuses;
import io.vmconsole.nodeagent.api.PathTemplate;
import io.vmconsole.nodeagent.api.Reply;
import io.vmconsole.nodeagent.api.Route;
import io.vmconsole.nodeagent.spec.BadRequestException;
import io.vmconsole.nodeagent.spec.SpecParser;
import io.vmconsole.nodeagent.vm.ConflictException;
import io.vmconsole.nodeagent.vm.MigrationHooks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/** The migration calls of API.md "Migration — contract", both roles. */
public final class MigrationRoutes {
  static final String SINCE = "v1";

  /** The largest binary frame of a migration stream (API.md); the agent's server accepts it. */
  public static final int MAX_FRAME = 1 << 20;

  /** The server's TCP receive buffer (see NodeAgent): a few ms of a migration stream. */
  public static final int RECEIVE_BUFFER = 256 << 10;

  private static final PathTemplate ONE = new PathTemplate("/v1/migrations/{id}");
  private static final PathTemplate STREAM = new PathTemplate("/v1/migrations/{id}/stream");
  private static final PathTemplate MIGRATE = new PathTemplate("/v1/vms/{vmId}/migrate");

  private final MigrationRegistry registry;
  private final MigrationHooks hooks;
  private final SpecParser parser;
  private final Vertx vertx;
  private final String nodeName;
  private final Map<String, IncomingMigration> incoming = new ConcurrentHashMap<>();
  private final ExecutorService blocking = Executors.newCachedThreadPool(daemon("migration"));
  private final ScheduledExecutorService timers =
      Executors.newScheduledThreadPool(1, daemon("migration-timer"));

  public MigrationRoutes(
      MigrationRegistry registry,
      MigrationHooks hooks,
      SpecParser parser,
      Vertx vertx,
      String nodeName) {
    this.registry = registry;
    this.hooks = hooks;
    this.parser = parser;
    this.vertx = vertx;
    this.nodeName = nodeName;
  }

  public List<Route> routes() {
    return List.of(
        new Route("POST", "/v1/migrations/incoming", SINCE, this::prepareIncoming),
        new Route("GET", "/v1/migrations/{id}/stream", SINCE, r -> sync(r, this::stream)),
        new Route("POST", "/v1/vms/{vmId}/migrate", SINCE, this::migrate),
        new Route(
            "GET",
            "/v1/migrations",
            SINCE,
            r -> sync(r, x -> Reply.ok(Map.of("items", registry.list())))),
        new Route(
            "GET", "/v1/migrations/{id}", SINCE, r -> sync(r, x -> Reply.ok(one(x).status()))),
        new Route("PATCH", "/v1/migrations/{id}", SINCE, this::patch),
        new Route("DELETE", "/v1/migrations/{id}", SINCE, r -> sync(r, this::delete)));
  }

  private CompletionStage<Reply> prepareIncoming(HttpServerRequest r) {
    return body(
        r,
        text -> {
          MigrationRequests.Incoming req = MigrationRequests.incoming(text, parser);
          Migration m =
              registry.create(
                  req.migrationId(), req.vmId(), Migration.Role.target, req.sourceNode(), nodeName);
          IncomingMigration in = new IncomingMigration(m, hooks, blocking, timers);
          incoming.put(m.id, in);
          return CompletableFuture.supplyAsync(
              () -> {
                try {
                  in.prepare(req.spec());
                } catch (ConflictException e) {
                  registry.forget(m.id);
                  throw e;
                } catch (Exception e) {
                  throw new IllegalStateException(e.getMessage(), e);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.putAll(io.vmconsole.nodeagent.migration.StatusMaps.of(m.status()));
                out.put("ticket", registry.issueTicket(m.id));
                out.put("streamPath", "/v1/migrations/" + m.id + "/stream");
                return new Reply(201, out);
              },
              blocking);
        });
  }

  private Reply stream(HttpServerRequest r) {
    if (!"websocket".equalsIgnoreCase(r.getHeader(HttpHeaders.UPGRADE))) {
      throw new BadRequestException("Upgrade", "this call is a WebSocket");
    }
    String id = MigrationRequests.checkId(STREAM.param(r.path(), "id"));
    Migration m = registry.get(id);
    IncomingMigration in = incoming.get(id);
    if (in == null || m.state() != MigrationState.Waiting) {
      return Reply.error(
          409, "migration " + id + " is not waiting for a stream (" + m.state() + ")");
    }
    r.toWebSocket().onSuccess(in::attach);
    return Reply.HANDLED;
  }

  private CompletionStage<Reply> migrate(HttpServerRequest r) {
    return body(
        r,
        text -> {
          String vmId = SpecParser.checkVmId(MIGRATE.param(r.path(), "vmId"));
          MigrationRequests.Outgoing req = MigrationRequests.outgoing(text);
          hooks.source(vmId);
          Migration m =
              registry.create(
                  req.migrationId(), vmId, Migration.Role.source, nodeName, req.targetNode());
          m.settings(req.autoConverge(), req.maxBandwidth());
          m.downtimeLimitMs(req.downtimeLimitMs());
          OutgoingMigration out =
              new OutgoingMigration(m, hooks, vertx, timers, req.targetUrl(), req.ticket());
          blocking.execute(out::run);
          return CompletableFuture.completedFuture(new Reply(202, m.status()));
        });
  }

  private CompletionStage<Reply> patch(HttpServerRequest r) {
    return body(
        r,
        text -> {
          Migration m = one(r);
          MigrationRequests.Settings s = MigrationRequests.settings(text);
          if (m.state().finished()) {
            throw new ConflictException("migration " + m.id + " is " + m.state());
          }
          Migration.Control c = m.control();
          return CompletableFuture.supplyAsync(
              () -> {
                if (s.maxBandwidth() != null) {
                  c.setMaxBandwidth(s.maxBandwidth());
                }
                if (s.autoConverge() != null && s.autoConverge() != m.autoConverge()) {
                  c.setAutoConverge(s.autoConverge());
                }
                if (s.downtimeLimitMs() != null) {
                  c.setDowntimeLimit(s.downtimeLimitMs());
                  m.downtimeLimitMs(s.downtimeLimitMs());
                }
                MigrationStatus now = m.status();
                m.settings(
                    s.autoConverge() == null ? now.autoConverge() : s.autoConverge(),
                    s.maxBandwidth() == null ? now.maxBandwidthBytesPerSecond() : s.maxBandwidth());
                return Reply.ok(m.status());
              },
              blocking);
        });
  }

  /** Cancels an active migration; forgets a finished one. */
  private Reply delete(HttpServerRequest r) {
    Migration m = one(r);
    if (m.state().finished()) {
      registry.forget(m.id);
      incoming.remove(m.id);
      return Reply.ok(Map.of("deleted", m.id));
    }
    Migration.Control c = m.control();
    if (c == null) {
      throw new ConflictException("migration " + m.id + " is still being set up");
    }
    c.cancel();
    return new Reply(202, m.status());
  }

  private Migration one(HttpServerRequest r) {
    return registry.get(MigrationRequests.checkId(ONE.param(r.path(), "id")));
  }

  private static CompletionStage<Reply> sync(
      HttpServerRequest r, Function<HttpServerRequest, Reply> f) {
    try {
      return CompletableFuture.completedFuture(f.apply(r));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(orRethrow(e));
    }
  }

  private static CompletionStage<Reply> body(
      HttpServerRequest r, Function<String, CompletionStage<Reply>> f) {
    return r.body()
        .toCompletionStage()
        .thenCompose(buf -> f.apply(buf.toString()))
        .exceptionally(ErrorStatuses.mapped());
  }

  private static Reply orRethrow(RuntimeException e) {
    Reply reply = ErrorStatuses.toReply(e);
    if (reply == null) {
      throw e;
    }
    return reply;
  }

  private static ThreadFactory daemon(String name) {
    return run -> {
      Thread t = new Thread(run, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops the migration threads (agent shutdown); QEMU processes are left as they are. */
  public void close() {
    blocking.shutdownNow();
    timers.shutdownNow();
  }
}
