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
  private record Chunk(byte[] bytes, long arrivedAt) {}

  private final BlockingQueue<Chunk> in = new LinkedBlockingQueue<>();
  private WebSocket ws;
  private long arrivedAt;

  /** Listener calls on the client's selector thread, so a chunk is stamped as it is read. */
  private static HttpClient client() {
    return HttpClient.newBuilder().executor(Runnable::run).build();
  }

  static ProxyStream open(int port, String path, String cookie) throws Exception {
    ProxyStream s = new ProxyStream();
    s.ws = client().newWebSocketBuilder()
        .header("Cookie", cookie).header("Origin", "http://localhost:" + port)
        .buildAsync(URI.create("ws://localhost:" + port + path), s).get();
    return s;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    long now = System.nanoTime();
    byte[] b = new byte[data.remaining()];
    data.get(b);
    in.add(new Chunk(b, now));
    return null;
  }

  @Override
  public void write(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  @Override
  public byte[] read() throws IOException {
    try {
      Chunk c = in.take();
      arrivedAt = c.arrivedAt();
      return c.bytes();
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }

  @Override
  public long arrivedAt() {
    return arrivedAt;
  }

  void close() {
    ws.abort();
  }
}
