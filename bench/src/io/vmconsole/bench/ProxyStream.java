package io.vmconsole.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/** The console's proxy as a script sees it: a WebSocket with the user's session and Origin. */
final class ProxyStream implements ByteStream, WebSocket.Listener {
  private final BlockingQueue<byte[]> in = new LinkedBlockingQueue<>();
  private WebSocket ws;

  static ProxyStream open(int port, String path, String cookie) throws Exception {
    ProxyStream s = new ProxyStream();
    s.ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Cookie", cookie).header("Origin", "http://localhost:" + port)
        .buildAsync(URI.create("ws://localhost:" + port + path), s).get();
    return s;
  }

  /** Straight to the node agent's console WebSocket (no console hop), to split the proxy's cost. */
  static ProxyStream openAgent(URI agentBase, String token, String path) throws Exception {
    ProxyStream s = new ProxyStream();
    s.ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Authorization", "Bearer " + token)
        .buildAsync(URI.create(agentBase.toString().replaceFirst("^http", "ws") + path), s).get();
    return s;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] b = new byte[data.remaining()];
    data.get(b);
    in.add(b);
    return null;
  }

  @Override
  public void write(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  @Override
  public byte[] read() throws IOException {
    try {
      return in.take();
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }

  void close() {
    ws.abort();
  }
}
