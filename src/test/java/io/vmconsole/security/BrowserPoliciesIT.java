package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.testsupport.ConsoleIntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 7, over plain HTTP as a browser sees it: the policy headers, a session cookie that
 * other sites' requests do not carry and that never shows in a URL, and a login posted from another
 * site refused.
 */
class BrowserPoliciesIT extends ConsoleIntegrationTest {

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void theLoginPageCarriesThePolicyHeadersAndASameSiteCookieAndNoUrlHoldsTheSession()
      throws Exception {
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    String csp = login.headers().firstValue("Content-Security-Policy").orElse("");
    assertThat(csp)
        .contains(
            "default-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'");
    assertThat(login.headers().firstValue("Referrer-Policy")).contains("same-origin");
    assertThat(login.headers().firstValue("Permissions-Policy").orElse("")).contains("camera=()");
    assertThat(login.headers().allValues("Set-Cookie"))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("JSESSIONID=")
                    .containsIgnoringCase("SameSite=Lax")
                    .containsIgnoringCase("HttpOnly"));
    assertThat(login.body()).doesNotContainIgnoringCase("jsessionid");

    HttpResponse<String> protectedPage =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/vms")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(protectedPage.headers().firstValue("Location").orElse(""))
        .doesNotContainIgnoringCase("jsessionid");
  }

  @Test
  void aLoginPostedFromAnotherSiteIsRefusedAndFromTheConsoleItselfAccepted() throws Exception {
    String user = newUser("csrf", Role.VIEWER, java.util.List.of());
    String form =
        "username=" + user + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);

    HttpResponse<String> foreign =
        http.send(loginPost(form, "http://evil.example"), HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().allValues("Set-Cookie"))
        .noneMatch(c -> c.startsWith("JSESSIONID="));

    HttpResponse<String> own =
        http.send(
            loginPost(form, "http://localhost:" + port), HttpResponse.BodyHandlers.ofString());
    assertThat(own.statusCode()).isEqualTo(302);
    assertThat(own.headers().firstValue("Location").orElse("")).doesNotContain("error");
  }

  private HttpRequest loginPost(String form, String origin) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Origin", origin)
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }
}
