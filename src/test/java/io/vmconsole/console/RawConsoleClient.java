package io.vmconsole.console;

import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A console WebSocket client outside any browser (java.net.http), as a script or an attacker has.
 */
final class RawConsoleClient {
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  RawConsoleClient(int port) {
    this.port = port;
  }

  String origin() {
    return "http://localhost:" + port;
  }

  /** Logs in through the real form and returns the session cookie. */
  String sessionCookie(String baseUrl, String user, String password) {
    Page page = ConsolePages.loggedIn(baseUrl, user, password);
    try {
      return page.context().cookies().stream()
          .filter(c -> c.name.equals("JSESSIONID"))
          .map(c -> c.name + "=" + c.value)
          .findFirst()
          .orElseThrow();
    } finally {
      page.context().close();
    }
  }

  Session open(String path, String cookie, String origin) throws Exception {
    Session s = new Session();
    builder(cookie, origin)
        .buildAsync(URI.create("ws://localhost:" + port + path), s)
        .get(10, TimeUnit.SECONDS);
    return s;
  }

  /** The HTTP status of a refused upgrade; fails when the upgrade succeeds. */
  int refusal(String path, String cookie, String origin) throws Exception {
    try {
      WebSocket ws =
          builder(cookie, origin)
              .buildAsync(URI.create("ws://localhost:" + port + path), new Session())
              .join();
      ws.abort();
      throw new AssertionError("upgrade of " + path + " was accepted");
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  private WebSocket.Builder builder(String cookie, String origin) {
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return b;
  }

  /** Counts what arrives. */
  static final class Session implements WebSocket.Listener {
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private volatile WebSocket ws;

    @Override
    public void onOpen(WebSocket webSocket) {
      ws = webSocket;
      webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      pings.incrementAndGet();
      return WebSocket.Listener.super.onPing(webSocket, message);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      bytes.addAndGet(data.remaining());
      return null;
    }

    int pings() {
      return pings.get();
    }

    long binaryBytes() {
      return bytes.get();
    }

    void close() {
      ws.abort();
    }
  }
}
