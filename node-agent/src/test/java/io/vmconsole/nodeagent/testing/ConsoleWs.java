package io.vmconsole.nodeagent.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A WebSocket viewer of a console: records binary bytes and text control messages. */
public final class ConsoleWs implements WebSocket.Listener, AutoCloseable {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  public final List<String> controls = new CopyOnWriteArrayList<>();
  private final StringBuilder textPart = new StringBuilder();
  public final CompletableFuture<Void> closed = new CompletableFuture<>();
  private WebSocket ws;

  public static ConsoleWs open(AgentApi api, String pathAndQuery) {
    ConsoleWs c = new ConsoleWs();
    c.ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + api.token)
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create("ws://127.0.0.1:" + api.port + pathAndQuery), c)
            .join();
    return c;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
    byte[] b = new byte[data.remaining()];
    data.get(b);
    synchronized (bytes) {
      bytes.writeBytes(b);
    }
    w.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
    textPart.append(data);
    if (last) {
      controls.add(textPart.toString());
      textPart.setLength(0);
    }
    w.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
    closed.complete(null);
    return null;
  }

  @Override
  public void onError(WebSocket w, Throwable error) {
    closed.complete(null);
  }

  /** Bytes received so far (cheap: no copy). */
  public int size() {
    synchronized (bytes) {
      return bytes.size();
    }
  }

  public byte[] bytes() {
    synchronized (bytes) {
      return bytes.toByteArray();
    }
  }

  /** Received bytes as text without carriage returns. */
  public String text() {
    return new String(bytes(), StandardCharsets.ISO_8859_1).replace("\r", "");
  }

  public int mark() {
    return text().length();
  }

  public void type(String s) {
    send(s.getBytes(StandardCharsets.UTF_8));
  }

  public void send(byte[] b) {
    ws.sendBinary(ByteBuffer.wrap(b), true).join();
  }

  /** Waits for {@code regex} in the text received after {@code from}; returns the match. */
  public Matcher await(String regex, int from, Duration within) {
    Pattern p = Pattern.compile(regex);
    Matcher[] m = new Matcher[1];
    org.awaitility.Awaitility.await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              String t = text();
              m[0] = p.matcher(t.substring(Math.min(from, t.length())));
              return m[0].find();
            });
    return m[0];
  }

  /** Types a line and waits for a regex in what follows. */
  public Matcher run(String line, String regex, Duration within) {
    int from = mark();
    type(line + "\r");
    return await(regex, from, within);
  }

  /** Logs in as cloud/cloud once the getty runs (an empty line makes it print "login:" again). */
  public void login(String hostname) {
    login("cloud", hostname);
  }

  /** Logs in as {@code user} (password "cloud": the test seed gives root the same hash). */
  public void login(String user, String hostname) {
    int from = mark();
    type("\r");
    await("login: ", from, Duration.ofSeconds(30));
    from = mark();
    type(user + "\r");
    await("Password: ", from, Duration.ofSeconds(30));
    from = mark();
    type("cloud\r");
    await(user + "@" + hostname, from, Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    try {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    } catch (Exception e) {
      ws.abort();
    }
  }
}
