package io.vmconsole.nodeagent.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vmconsole.nodeagent.spec.BadRequestException;
import io.vmconsole.nodeagent.spec.SpecParser;
import io.vmconsole.nodeagent.vm.VmManager;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** VM definition, lifecycle and hotplug calls (API.md "VMs"). */
public final class VmRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VM = "/v1/vms/{vmId}";
  private static final PathTemplate VM_T = new PathTemplate(VM);
  private static final PathTemplate START = new PathTemplate(VM + "/start");
  private static final PathTemplate STOP = new PathTemplate(VM + "/stop");
  private static final PathTemplate RESET = new PathTemplate(VM + "/reset");
  private static final PathTemplate DISKS = new PathTemplate(VM + "/disks");
  private static final PathTemplate DISK = new PathTemplate(VM + "/disks/{diskId}");

  private final VmManager vms;
  private final SpecParser parser;

  public VmRoutes(VmManager vms, SpecParser parser) {
    this.vms = vms;
    this.parser = parser;
  }

  public List<Route> routes() {
    return List.of(
        new Route("GET", "/v1/vms", "v1", r -> done(Reply.ok(Map.of("items", vms.list())))),
        new Route("GET", VM, "v1", r -> call(r, VM_T, id -> done(Reply.ok(vms.get(id))))),
        new Route("PUT", VM, "v1", this::define),
        new Route("POST", VM, "v1", this::define),
        new Route("PATCH", VM, "v1", this::patch),
        new Route("DELETE", VM, "v1", r -> call(r, VM_T, this::delete)),
        new Route(
            "POST",
            VM + "/start",
            "v1",
            r -> call(r, START, id -> vms.start(id).thenApply(Reply::ok))),
        new Route("POST", VM + "/stop", "v1", this::stop),
        new Route(
            "POST",
            VM + "/reset",
            "v1",
            r -> call(r, RESET, id -> vms.reset(id).thenApply(Reply::ok))),
        new Route("POST", VM + "/disks", "v1", this::attach),
        new Route(
            "DELETE",
            VM + "/disks/{diskId}",
            "v1",
            r ->
                call(
                    r,
                    DISK,
                    id ->
                        vms.detachDisk(id, DISK.param(r.path(), "diskId")).thenApply(Reply::ok))));
  }

  private CompletionStage<Reply> define(HttpServerRequest r) {
    return withBody(r, VM_T, (id, body) -> Reply.ok(vms.define(id, parser.parse(body))));
  }

  private CompletionStage<Reply> patch(HttpServerRequest r) {
    return withBody(
        r,
        VM_T,
        (id, body) -> {
          JsonNode n = json(body);
          if (!n.has("coreFraction") || n.size() != 1) {
            throw new BadRequestException("coreFraction", "only coreFraction changes live");
          }
          return Reply.ok(vms.setCoreFraction(id, SpecParser.coreFraction(n.get("coreFraction"))));
        });
  }

  private CompletionStage<Reply> stop(HttpServerRequest r) {
    return withBody(
        r,
        STOP,
        (id, body) -> {
          JsonNode n = body.isBlank() ? JSON.createObjectNode() : json(body);
          boolean graceful = n.path("graceful").asBoolean(true);
          long timeout = n.path("timeoutSeconds").asLong(60);
          if (timeout < 0) {
            throw new BadRequestException("timeoutSeconds", "timeoutSeconds must be ≥ 0");
          }
          return new Reply(202, vms.stop(id, graceful, Duration.ofSeconds(timeout)));
        });
  }

  private CompletionStage<Reply> attach(HttpServerRequest r) {
    return r.body()
        .toCompletionStage()
        .thenCompose(
            buf -> {
              String id = SpecParser.checkVmId(DISKS.param(r.path(), "vmId"));
              return vms.attachDisk(id, parser.disk(json(buf.toString()), "disk"))
                  .thenApply(Reply::ok);
            })
        .exceptionally(ErrorStatuses.mapped());
  }

  private CompletionStage<Reply> delete(String id) {
    return vms.delete(id).thenApply(v -> Reply.ok(Map.of("deleted", id)));
  }

  private interface BodyCall {
    Reply apply(String vmId, String body);
  }

  private static CompletionStage<Reply> withBody(
      HttpServerRequest r, PathTemplate t, BodyCall call) {
    return r.body()
        .toCompletionStage()
        .thenApply(
            buf -> call.apply(SpecParser.checkVmId(t.param(r.path(), "vmId")), buf.toString()))
        .exceptionally(ErrorStatuses.mapped());
  }

  private static CompletionStage<Reply> call(
      HttpServerRequest r, PathTemplate t, Function<String, CompletionStage<Reply>> f) {
    try {
      return f.apply(SpecParser.checkVmId(t.param(r.path(), "vmId")))
          .exceptionally(ErrorStatuses.mapped());
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(ErrorStatuses.mapped().apply(e));
    }
  }

  private static JsonNode json(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new BadRequestException("body", "the body must be a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new BadRequestException("body", "malformed JSON");
    }
  }

  private static CompletionStage<Reply> done(Reply r) {
    return CompletableFuture.completedFuture(r);
  }
}
