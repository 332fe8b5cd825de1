package io.vmconsole.console;

import io.vmconsole.agent.AgentConsoles;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.security.UserAccount;
import io.vmconsole.security.UserStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The WebSocket end the browser talks to; each session gets a {@link ConsoleBridge} to its agent.
 */
class ConsoleProxy extends AbstractWebSocketHandler {
  private static final String BRIDGE = "console.bridge";
  // Generous: a VNC full-screen update can be megabytes, and a slow browser must not stall the
  // agent forever.
  private static final int SEND_TIME_LIMIT_MS = 30_000;
  private static final int BUFFER_LIMIT = 32 * 1024 * 1024;
  private final ConsoleService consoles;
  private final AgentConsoles agents;
  private final AuditLog audit;
  private final UserStore users;
  private final Duration pingInterval;
  private final ConsoleRegistry registry = new ConsoleRegistry();
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(1, daemon("console-ping"));
  private final ExecutorService workers = Executors.newCachedThreadPool(daemon("console-proxy"));

  ConsoleProxy(
      ConsoleService consoles,
      AgentConsoles agents,
      AuditLog audit,
      UserStore users,
      Duration pingInterval) {
    this.consoles = consoles;
    this.users = users;
    this.agents = agents;
    this.audit = audit;
    this.pingInterval = pingInterval;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession raw) {
    WebSocketSession session =
        new ConcurrentWebSocketSessionDecorator(raw, SEND_TIME_LIMIT_MS, BUFFER_LIMIT);
    Map<String, Object> a = raw.getAttributes();
    ConsoleBridge bridge =
        new ConsoleBridge(
            session,
            (ConsoleRequest) a.get(ConsoleHandshake.REQUEST),
            (ConsoleTarget) a.get(ConsoleHandshake.TARGET),
            (UserAccount) a.get(ConsoleHandshake.USER),
            (String) a.get(ConsoleHandshake.HTTP_SESSION),
            this);
    a.put(BRIDGE, bridge);
    workers.execute(bridge::start);
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
    bridge(session).fromBrowser(message.getPayload());
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    // Text from the page is typed text (a serial paste), carried as UTF-8 like the keystrokes.
    bridge(session).fromBrowser(java.nio.ByteBuffer.wrap(message.asBytes()));
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    ConsoleBridge b = bridge(session);
    if (b != null) {
      b.close();
    }
  }

  private static ConsoleBridge bridge(WebSocketSession session) {
    return (ConsoleBridge) session.getAttributes().get(BRIDGE);
  }

  void audit(String action, ConsoleBridge b, Map<String, String> details) {
    Map<String, String> all = new HashMap<>(details);
    all.put("console", b.kind().path());
    all.put("mode", b.isInteractive() ? "interactive" : "watch");
    audit.record(b.user(), action, b.target().auditName(), all);
  }

  /** Whether the account is as it was when its console opened (not changed, not deleted). */
  boolean isCurrent(UserAccount account) {
    return users.atRevision(account.username(), account.revision()).isPresent();
  }

  /** The user's account changed: their consoles close now, before the change's caller goes on. */
  void accountChanged(String username) {
    registry.ofUser(username).forEach(b -> b.signOut("your account was changed; sign in again"));
  }

  /** The HTTP session ended (logout, timeout): so do the consoles opened in it. */
  void httpSessionEnded(String sessionId) {
    registry.ofHttpSession(sessionId).forEach(b -> b.signOut("you were signed out"));
  }

  ConsoleService consoles() {
    return consoles;
  }

  AgentConsoles agents() {
    return agents;
  }

  ConsoleRegistry registry() {
    return registry;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  ExecutorService workers() {
    return workers;
  }

  Duration pingInterval() {
    return pingInterval;
  }

  void shutdown() {
    scheduler.shutdownNow();
    workers.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
