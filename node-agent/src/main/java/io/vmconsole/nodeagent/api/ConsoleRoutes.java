package io.vmconsole.nodeagent.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vmconsole.nodeagent.console.ConsoleSessions;
import io.vmconsole.nodeagent.console.SerialHub;
import io.vmconsole.nodeagent.console.VncBridge;
import io.vmconsole.nodeagent.spec.BadRequestException;
import io.vmconsole.nodeagent.spec.SpecParser;
import io.vmconsole.nodeagent.vm.VmManager;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * Console WebSockets ({@code ?mode=interactive|watch&user=NAME[&takeOver=true]}) and the serial
 * boot log. An interactive request while someone holds the console answers 409 before the upgrade
 * unless it asks to take over.
 */
public final class ConsoleRoutes {
  private static final Logger LOG = Logger.getLogger(ConsoleRoutes.class.getName());
  private static final PathTemplate SERIAL = new PathTemplate("/v1/vms/{vmId}/serial");
  private static final PathTemplate LOG_PATH = new PathTemplate("/v1/vms/{vmId}/serial/log");
  private static final PathTemplate VNC = new PathTemplate("/v1/vms/{vmId}/vnc");
  private final VmManager vms;

  public ConsoleRoutes(VmManager vms) {
    this.vms = vms;
  }

  public List<Route> routes() {
    return List.of(
        new Route("GET", "/v1/vms/{vmId}/serial", "v1", r -> guarded(r, this::serial)),
        new Route("GET", "/v1/vms/{vmId}/serial/log", "v1", r -> guarded(r, this::log)),
        new Route("GET", "/v1/vms/{vmId}/vnc", "v1", r -> guarded(r, this::vnc)));
  }

  private interface Handler {
    Reply handle(HttpServerRequest r);
  }

  private static CompletionStage<Reply> guarded(HttpServerRequest r, Handler h) {
    try {
      return CompletableFuture.completedFuture(h.handle(r));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(ErrorStatuses.mapped().apply(e));
    }
  }

  /** Who, in which mode: checked before the upgrade so refusals are plain HTTP answers. */
  private record Ask(String user, boolean interactive, boolean takeOver) {
    static Ask of(HttpServerRequest r) {
      if (!"websocket".equalsIgnoreCase(r.getHeader(HttpHeaders.UPGRADE))) {
        throw new BadRequestException("Upgrade", "this call is a WebSocket");
      }
      String mode = r.getParam("mode", "watch");
      if (!mode.equals("interactive") && !mode.equals("watch")) {
        throw new BadRequestException("mode", "mode must be interactive or watch");
      }
      String user = r.getParam("user");
      if (user == null) {
        user = r.getHeader("X-VMConsole-User");
      }
      return new Ask(
          user == null || user.isBlank() ? "anonymous" : user,
          mode.equals("interactive"),
          Boolean.parseBoolean(r.getParam("takeOver", "false")));
    }

    Optional<String> refusal(ConsoleSessions sessions) {
      return interactive && !takeOver && sessions.holder().isPresent()
          ? Optional.of("console held interactively by " + sessions.holder().get().user())
          : Optional.empty();
    }
  }

  private Reply serial(HttpServerRequest r) {
    SerialHub hub = vms.serial(SpecParser.checkVmId(SERIAL.param(r.path(), "vmId")));
    Ask ask = Ask.of(r);
    Optional<String> refused = ask.refusal(hub.sessions());
    if (refused.isPresent()) {
      return Reply.error(409, refused.get());
    }
    r.toWebSocket()
        .onSuccess(
            ws -> {
              WsConsoleClient c = new WsConsoleClient(ws, ask.user(), true);
              ws.closeHandler(v -> hub.sessions().leave(c));
              ws.handler(b -> hub.input(c, b.getBytes()));
              hub.sessions()
                  .join(c, ask.interactive(), ask.takeOver())
                  .ifPresent(why -> ws.close((short) 4409, why));
            });
    return Reply.HANDLED;
  }

  private Reply log(HttpServerRequest r) {
    byte[] log = vms.serialLog(SpecParser.checkVmId(LOG_PATH.param(r.path(), "vmId")));
    r.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(io.vertx.core.buffer.Buffer.buffer(log));
    return Reply.HANDLED;
  }

  private Reply vnc(HttpServerRequest r) {
    VmManager.VncTarget target = vms.vnc(SpecParser.checkVmId(VNC.param(r.path(), "vmId")));
    Ask ask = Ask.of(r);
    Optional<String> refused = ask.refusal(target.sessions());
    if (refused.isPresent()) {
      return Reply.error(409, refused.get());
    }
    r.toWebSocket().onSuccess(ws -> bridge(ws, target, ask));
    return Reply.HANDLED;
  }

  private static void bridge(ServerWebSocket ws, VmManager.VncTarget target, Ask ask) {
    WsConsoleClient c = new WsConsoleClient(ws, ask.user(), false);
    ws.pause();
    try {
      VncBridge bridge =
          VncBridge.open(target.socket(), target.sessions(), c, c::sendWithBackPressure, c::close);
      ws.closeHandler(
          v -> {
            target.sessions().leave(c);
            bridge.close();
          });
      ws.handler(b -> bridge.fromClient(b.getBytes()));
      target.sessions().join(c, ask.interactive(), ask.takeOver());
      ws.resume();
    } catch (IOException e) {
      LOG.warning("VNC socket " + target.socket() + ": " + e);
      ws.close((short) 1011, "VNC not available");
    }
  }
}
