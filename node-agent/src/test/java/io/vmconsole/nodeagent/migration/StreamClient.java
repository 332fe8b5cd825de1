package io.vmconsole.nodeagent.migration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/** A bare WebSocket to a migration stream, as a (mis)behaving source agent would open it. */
final class StreamClient implements AutoCloseable {
  private final WebSocket ws;

  private StreamClient(WebSocket ws) {
    this.ws = ws;
  }

  static StreamClient open(int port, String path, String ticket) {
    return new StreamClient(
        builder(ticket).buildAsync(uri(port, path), new WebSocket.Listener() {}).join());
  }

  /** 101 when the upgrade was accepted (the socket is closed again), else the refusal status. */
  static int status(int port, String path, String ticket) {
    try {
      builder(ticket).buildAsync(uri(port, path), new WebSocket.Listener() {}).join().abort();
      return 101;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  private static WebSocket.Builder builder(String ticket) {
    WebSocket.Builder b =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (ticket != null) {
      b.header("Authorization", "Bearer " + ticket);
    }
    return b;
  }

  private static URI uri(int port, String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  @Override
  public void close() {
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }
}
