package io.vmconsole.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentConsoles;
import io.vmconsole.base.LogSafe;
import io.vmconsole.security.UserAccount;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One browser console session bridged to the agent: binary frames both ways, our own control
 * messages as text frames ({@code connected}, {@code held}, {@code notRunning}, {@code takenOver},
 * {@code holder}, {@code lost}, {@code signedOut}), and close codes the page acts on (4404 not
 * running, 4409 held, 4401 signed out).
 *
 * <p>Every frame to the browser and from it first asks whether the user's account is still at the
 * revision it had when the console was opened: a user deleted or changed (here, or by another
 * console sharing the user store) gets no further byte, and the console closes.
 */
final class ConsoleBridge {
  static final int NOT_RUNNING = 4404;
  static final int HELD = 4409;
  static final int LOST = 4500;
  static final int SIGNED_OUT = 4401;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleBridge.class);

  private final WebSocketSession browser;
  private final ConsoleRequest request;
  private final ConsoleTarget target;
  private final UserAccount account;
  private final String httpSession;
  private final ConsoleProxy proxy;
  private final SerialReplay replay;
  private volatile boolean interactive;
  private volatile WebSocket agent;
  private volatile boolean opened;
  private volatile boolean closing;
  private boolean signedOut; // guarded by browserSends
  private Instant openedAt;
  private ScheduledFuture<?> pings;
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
  private final StringBuilder text = new StringBuilder();
  private final Object browserSends = new Object();

  ConsoleBridge(
      WebSocketSession browser,
      ConsoleRequest request,
      ConsoleTarget target,
      UserAccount account,
      String httpSession,
      ConsoleProxy proxy) {
    this.browser = browser;
    this.request = request;
    this.target = target;
    this.account = account;
    this.httpSession = httpSession;
    this.proxy = proxy;
    this.interactive = request.interactive();
    this.replay = request.kind() == ConsoleKind.SERIAL ? new SerialReplay(this::sendBinary) : null;
  }

  ConsoleKind kind() {
    return request.kind();
  }

  ConsoleTarget target() {
    return target;
  }

  String user() {
    return account.username();
  }

  /** The HTTP session the console was opened in. */
  String httpSession() {
    return httpSession;
  }

  boolean isInteractive() {
    return interactive;
  }

  void start() {
    ConsoleStatus status = proxy.consoles().status(target);
    if (!status.running()) {
      notRunning(status.state());
      return;
    }
    Optional<ConsoleStatus.Holder> previous = status.holder(kind());
    proxy
        .agents()
        .open(
            target.agent(),
            target.vmId(),
            kind().path(),
            interactive,
            user(),
            request.takeOver(),
            new FromAgent())
        .whenCompleteAsync(
            (ws, e) -> {
              if (e != null) {
                failed(e);
              } else {
                opened(ws, previous);
              }
            },
            proxy.workers());
  }

  private void opened(WebSocket ws, Optional<ConsoleStatus.Holder> previous) {
    agent = ws;
    opened = true;
    openedAt = Instant.now();
    if (closing) {
      ws.abort();
      return;
    }
    proxy.registry().add(this);
    proxy.audit("console.open", this, Map.of());
    if (request.takeOver() && previous.isPresent()) {
      proxy.audit(
          "console.takeOver",
          this,
          Map.of("from", previous.get().user(), "since", previous.get().since()));
      if (kind() == ConsoleKind.VNC) {
        proxy.registry().tookOver(this);
      }
    }
    ObjectNode m = control("connected").put("mode", interactive ? "interactive" : "watch");
    sendControl(m);
    long every = proxy.pingInterval().toMillis();
    pings = proxy.scheduler().scheduleAtFixedRate(this::ping, every, every, TimeUnit.MILLISECONDS);
    if (replay != null) {
      try {
        replay.replayLog(proxy.agents().serialLog(target.agent(), target.vmId()));
      } catch (IOException e) {
        replay.replayLog(new byte[0]);
      }
    }
  }

  private void failed(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    ConsoleStatus status = proxy.consoles().status(target);
    if (cause instanceof AgentConsoles.ConsoleHeldException) {
      ObjectNode m = control("held");
      status
          .holder(kind())
          .ifPresent(h -> m.putObject("holder").put("user", h.user()).put("since", h.since()));
      sendControl(m);
      closeBrowser(HELD, "held");
    } else if (!status.running()) {
      notRunning(status.state());
    } else {
      // The browser is told "connection lost"; why is for the operator's log.
      LOG.warn(
          "{} console of {}: the agent could not be reached: {}",
          kind().path(),
          target.auditName(),
          LogSafe.failure(cause));
      sendControl(control("lost").put("reason", String.valueOf(cause.getMessage())));
      closeBrowser(LOST, "agent unreachable");
    }
  }

  /**
   * From the browser: keystrokes, pointer and RFB messages. A serial watcher's input goes nowhere.
   */
  void fromBrowser(ByteBuffer data) {
    WebSocket ws = agent;
    if (ws == null || (kind() == ConsoleKind.SERIAL && !interactive) || !accountStillCurrent()) {
      return;
    }
    ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
    synchronized (this) {
      // java.net.http allows one outstanding send at a time: chain them.
      sending = sending.thenCompose(v -> ws.sendBinary(copy, true)).exceptionally(x -> null);
    }
  }

  /** Another session of this console took it over (VNC: the agent does not tell us). */
  void lostTo(String by) {
    interactive = false;
    sendControl(control("takenOver").put("by", by));
  }

  /** The browser went away (or we closed it). */
  void close() {
    closing = true;
    if (pings != null) {
      pings.cancel(false);
    }
    proxy.registry().remove(this);
    WebSocket ws = agent;
    if (ws != null) {
      synchronized (this) {
        sending =
            sending
                .thenCompose(v -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                .exceptionally(x -> null);
      }
      proxy.scheduler().schedule(ws::abort, 5, TimeUnit.SECONDS);
    }
    if (opened) {
      proxy.audit(
          "console.close",
          this,
          Map.of("seconds", Long.toString(Duration.between(openedAt, Instant.now()).toSeconds())));
    }
  }

  private void agentClosed() {
    if (closing || !browser.isOpen()) {
      return;
    }
    ConsoleStatus status = proxy.consoles().status(target);
    if (!status.running()) {
      notRunning(status.state());
    } else {
      sendControl(control("lost").put("reason", "the agent closed the console"));
      closeBrowser(LOST, "agent closed");
    }
  }

  private void notRunning(String state) {
    sendControl(control("notRunning").put("state", state));
    closeBrowser(NOT_RUNNING, "VM not running");
  }

  private void ping() {
    send(new PingMessage(ByteBuffer.wrap(new byte[] {'k', 'a'})));
    WebSocket ws = agent;
    if (ws != null) {
      synchronized (this) {
        sending =
            sending.thenCompose(v -> ws.sendPing(ByteBuffer.allocate(0))).exceptionally(x -> null);
      }
    }
  }

  private void fromAgentControl(String json) {
    try {
      var node = JSON.readTree(json);
      if ("takenOver".equals(node.path("type").asText())) {
        interactive = false;
      }
    } catch (IOException e) {
      return;
    }
    send(new TextMessage(json));
  }

  private void sendBinary(byte[] bytes) {
    send(new BinaryMessage(bytes));
  }

  private ObjectNode control(String type) {
    return JSON.createObjectNode().put("type", type);
  }

  private void sendControl(ObjectNode m) {
    send(new TextMessage(m.toString()));
  }

  private void send(WebSocketMessage<?> m) {
    // One message at a time: the agent's first bytes race with our "connected" (sent from a
    // worker),
    // and Tomcat refuses a second concurrent send with IllegalStateException — which dropped the
    // RFB
    // version greeting and left noVNC waiting with an empty canvas.
    synchronized (browserSends) {
      if (accountStillCurrent()) {
        sendNow(m);
      }
    }
  }

  /**
   * The user's session ended (logout, timeout) or their account changed: nothing more is sent
   * either way once this returns, and the browser is told why.
   */
  void signOut(String why) {
    synchronized (browserSends) {
      if (signedOut) {
        return;
      }
      signedOut = true;
      sendNow(new TextMessage(control("signedOut").put("reason", why).toString()));
      closeBrowser(SIGNED_OUT, "signed out");
    }
  }

  private boolean accountStillCurrent() {
    synchronized (browserSends) {
      if (!signedOut && !proxy.isCurrent(account)) {
        signOut("your account was changed; sign in again");
      }
      return !signedOut;
    }
  }

  private void sendNow(WebSocketMessage<?> m) {
    try {
      if (browser.isOpen()) {
        browser.sendMessage(m);
      }
    } catch (IOException | IllegalStateException e) {
      // The browser is gone; its close handler cleans up.
    }
  }

  private void closeBrowser(int code, String reason) {
    try {
      browser.close(new CloseStatus(code, reason));
    } catch (IOException e) {
      // Already closed.
    }
  }

  /** The agent's side; java.net.http calls these one at a time. */
  private final class FromAgent implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      if (replay != null) {
        replay.live(bytes);
      } else {
        sendBinary(bytes);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        fromAgentControl(text.toString());
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      proxy.workers().execute(ConsoleBridge.this::agentClosed);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      proxy.workers().execute(ConsoleBridge.this::agentClosed);
    }
  }
}
