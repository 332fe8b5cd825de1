package io.vmconsole.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The console's proxy as a script sees it: a WebSocket with the user's session and Origin. */
final class ProxyStream implements ByteStream, WebSocket.Listener {
  /** {@code bytes} null: the stream ended, for the reason in {@code end}. */
  private record Chunk(byte[] bytes, long arrivedAt, String end) {}

  /**
   * A guest that says nothing for this long is stuck; the run should end with a reason, not hang.
   */
  private static final long SILENCE_SECONDS = 300;

  private final BlockingQueue<Chunk> in = new LinkedBlockingQueue<>();
  private WebSocket ws;
  private long arrivedAt;

  /** Listener calls on the client's selector thread, so a chunk is stamped as it is read. */
  private static HttpClient client() {
    return HttpClient.newBuilder().executor(Runnable::run).build();
  }

  static ProxyStream open(int port, String path, String cookie) throws Exception {
    ProxyStream s = new ProxyStream();
    s.ws =
        client()
            .newWebSocketBuilder()
            .header("Cookie", cookie)
            .header("Origin", "http://localhost:" + port)
            .buildAsync(URI.create("ws://localhost:" + port + path), s)
            .get();
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
    in.add(new Chunk(b, now, null));
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    in.add(
        new Chunk(
            null,
            System.nanoTime(),
            "the console closed the stream: " + statusCode + " " + reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    in.add(new Chunk(null, System.nanoTime(), "the stream failed: " + error));
  }

  @Override
  public void write(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  @Override
  public byte[] read() throws IOException {
    try {
      Chunk c = in.poll(SILENCE_SECONDS, TimeUnit.SECONDS);
      if (c == null) {
        throw new IOException("nothing from the console for " + SILENCE_SECONDS + " s");
      }
      if (c.bytes() == null) {
        throw new IOException(c.end());
      }
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
