package io.vmconsole.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A user of the console outside any browser, as a script (or an attacker holding a stolen cookie)
 * is: signs in through the real login form, then makes plain HTTP requests and opens console
 * WebSockets with the session cookie.
 */
public final class HttpUser {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String baseUrl;
  private final String cookie;

  private HttpUser(String baseUrl, String cookie) {
    this.baseUrl = baseUrl;
    this.cookie = cookie;
  }

  /**
   * Signs in with the login form's POST; fails unless the console answers with a signed-in session.
   */
  public static HttpUser signIn(String baseUrl, String username, String password) {
    String form =
        "username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    String location = response.headers().firstValue("Location").orElse("");
    if (response.statusCode() != 302 || location.contains("error")) {
      throw new AssertionError(
          "login of " + username + " answered " + response.statusCode() + " → " + location);
    }
    String cookie =
        response.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .map(c -> c.substring(0, c.indexOf(';')))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no session cookie after the login of " + username));
    return new HttpUser(baseUrl, cookie);
  }

  /** A session signed in elsewhere (a browser's), by its cookie. */
  public static HttpUser withCookie(String baseUrl, String cookie) {
    return new HttpUser(baseUrl, cookie);
  }

  /** A GET with the session cookie. */
  public HttpResponse<String> get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Cookie", cookie).GET().build());
  }

  /**
   * Whether a GET of the path is answered by a redirect to the login page (the session is not
   * signed in).
   */
  public boolean isSentToLogin(String path) {
    HttpResponse<String> r = get(path);
    return r.statusCode() == 302
        && r.headers().firstValue("Location").orElse("").endsWith("/login");
  }

  /** Opens a console WebSocket from the console's own origin; fails when the upgrade is refused. */
  public RecordingSocket openConsole(String path) {
    RecordingSocket socket = new RecordingSocket();
    try {
      builder().buildAsync(wsUri(path), socket).get(10, TimeUnit.SECONDS);
      return socket;
    } catch (Exception e) {
      throw new AssertionError("upgrade of " + path + " failed", e);
    }
  }

  /** The HTTP status that refused a console upgrade; fails when the upgrade succeeds. */
  public int consoleRefusal(String path) {
    return consoleRefusal(path, baseUrl, Map.of());
  }

  /**
   * The same, from this Origin and with these further headers (a proxy's {@code X-Forwarded-*}).
   */
  public int consoleRefusal(String path, String origin, Map<String, String> headers) {
    WebSocket.Builder b =
        HTTP.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .header("Cookie", cookie)
            .header("Origin", origin);
    headers.forEach(b::header);
    try {
      WebSocket ws = b.buildAsync(wsUri(path), new RecordingSocket()).join();
      ws.abort();
      throw new AssertionError("upgrade of " + path + " was accepted");
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  private WebSocket.Builder builder() {
    return HTTP.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .header("Cookie", cookie)
        .header("Origin", baseUrl);
  }

  private URI wsUri(String path) {
    return URI.create(baseUrl.replaceFirst("^http", "ws") + path);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Everything a console WebSocket received, in order: {@code text:…}, {@code binary:n}, {@code
   * close:code}.
   */
  public static final class RecordingSocket implements WebSocket.Listener {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private volatile WebSocket ws;

    @Override
    public void onOpen(WebSocket webSocket) {
      ws = webSocket;
      webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        events.add("text:" + text);
        text.setLength(0);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      events.add("binary:" + data.remaining());
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      events.add("close:" + statusCode);
      return null;
    }

    public List<String> events() {
      return List.copyOf(events);
    }

    public boolean received(String fragment) {
      return events.stream().anyMatch(e -> e.contains(fragment));
    }

    /** The close code, or -1 while open. */
    public int closeCode() {
      return events.stream()
          .filter(e -> e.startsWith("close:"))
          .findFirst()
          .map(e -> Integer.parseInt(e.substring("close:".length())))
          .orElse(-1);
    }

    public void abort() {
      if (ws != null) {
        ws.abort();
      }
    }
  }
}
