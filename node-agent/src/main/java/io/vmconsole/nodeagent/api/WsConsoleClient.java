package io.vmconsole.nodeagent.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vmconsole.nodeagent.console.ConsoleClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A console viewer on a WebSocket: console bytes as binary frames, control messages as text frames
 * (unless {@code controlFrames} is off, as for VNC, whose viewers expect nothing but RFB).
 */
final class WsConsoleClient implements ConsoleClient {
  private final ServerWebSocket ws;
  private final String user;
  private final boolean controlFrames;

  WsConsoleClient(ServerWebSocket ws, String user, boolean controlFrames) {
    this.ws = ws;
    this.user = user;
    this.controlFrames = controlFrames;
  }

  @Override
  public String user() {
    return user;
  }

  @Override
  public void send(byte[] data) {
    try {
      ws.writeBinaryMessage(Buffer.buffer(data));
    } catch (IllegalStateException e) {
      // Closed meanwhile; its close handler removes it.
    }
  }

  /**
   * Sends and, when Vert.x's write queue is full, waits for it to drain: QEMU's reader thread slows
   * down instead of the agent buffering a fast VNC stream without bound.
   */
  void sendWithBackPressure(byte[] data) {
    send(data);
    if (ws.writeQueueFull()) {
      CompletableFuture<Void> drained = new CompletableFuture<>();
      ws.drainHandler(v -> drained.complete(null));
      if (!ws.writeQueueFull() || ws.isClosed()) {
        drained.complete(null);
      }
      try {
        drained.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        ws.close();
      }
    }
  }

  @Override
  public void control(String json) {
    if (controlFrames) {
      try {
        ws.writeTextMessage(json);
      } catch (IllegalStateException e) {
        // Closed meanwhile.
      }
    }
  }

  @Override
  public void close() {
    if (!ws.isClosed()) {
      ws.close();
    }
  }
}
