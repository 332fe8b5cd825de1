package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.testsupport.ConsoleIntegrationTest;
import io.vmconsole.testsupport.HttpUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 2: the console listens on loopback unless told otherwise, and behind a TLS proxy
 * it takes the browser's origin from the proxy's forwarded headers: consoles still open from that
 * origin only, and the pages carry HSTS and a Secure cookie. (HTTPS of its own: {@code
 * ConsoleRestartIT}.)
 */
class ServingIT extends ConsoleIntegrationTest {
  private static final String PROXIED = "console.example.test";
  private static final Map<String, String> FORWARDED =
      Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", PROXIED, "X-Forwarded-Port", "443");
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** Read from the kernel's socket table: no packet needs to go anywhere but loopback to know. */
  @Test
  void theConsoleListensOnLoopbackOnly() throws Exception {
    List<String> listening = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line :
          Files.readAllLines(Path.of(table))
              .subList(1, Files.readAllLines(Path.of(table)).size())) {
        String[] f = line.trim().split("\\s+");
        String[] local = f[1].split(":");
        if ("0A".equals(f[3]) && Integer.parseInt(local[1], 16) == port) {
          // Java listens on an IPv6 socket: 127.0.0.1 appears IPv4-mapped (::ffff:127.0.0.1).
          listening.add(local[0].replaceFirst("^0000000000000000FFFF0000", ""));
        }
      }
    }
    // 127.0.0.1, little-endian as the kernel writes it.
    assertThat(listening).containsExactly("0100007F");
  }

  @Test
  void behindATlsProxyThePagesCarryHstsAndASecureCookie() throws Exception {
    HttpResponse<Void> proxied = get("/login", FORWARDED);
    assertThat(proxied.headers().firstValue("Strict-Transport-Security")).isPresent();
    assertThat(sessionCookie(proxied)).containsIgnoringCase("; Secure");

    HttpResponse<Void> direct = get("/login", Map.of());
    assertThat(direct.headers().firstValue("Strict-Transport-Security")).isEmpty();
    assertThat(sessionCookie(direct).toLowerCase(Locale.ROOT)).doesNotContain("secure");
  }

  @Test
  void behindATlsProxyAConsoleOpensFromTheProxiedOriginOnly() {
    String ns = newNamespace("proxied");
    String operator = newUser("proxied", Role.OPERATOR, List.of(ns));
    HttpUser user = HttpUser.signIn(baseUrl(), operator, PASSWORD);
    String path = "/console-ws/serial/" + ns + "/no-such-vm?mode=watch";
    // Past the origin check, the VM is not found: 404. Refused for its origin: 403.
    assertThat(user.consoleRefusal(path, "https://" + PROXIED, FORWARDED)).isEqualTo(404);
    assertThat(user.consoleRefusal(path, baseUrl(), FORWARDED)).isEqualTo(403);
    assertThat(user.consoleRefusal(path, "https://elsewhere.example.test", FORWARDED))
        .isEqualTo(403);
    assertThat(user.consoleRefusal(path, "https://" + PROXIED, Map.of())).isEqualTo(403);
    assertThat(user.consoleRefusal(path, baseUrl(), Map.of())).isEqualTo(404);
  }

  private HttpResponse<Void> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding());
  }

  private static String sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie: " + response.headers().map()));
  }
}
