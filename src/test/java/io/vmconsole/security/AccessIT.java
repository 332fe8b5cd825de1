package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmconsole.shell.NamespaceService;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The server refuses what the user may not do, whatever the browser sends. */
class AccessIT extends ConsoleIntegrationTest {
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  @Autowired NamespaceService namespaces;
  @Autowired UserService userService;

  @AfterEach
  void clearAuthentication() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void everyRouteRedirectsAnonymousUsersToTheLogin() throws Exception {
    for (String route :
        List.of("/", "/vms", "/vms/default/x", "/users", "/account", "/no-such-page")) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + route)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(route).isEqualTo(302);
      assertThat(response.headers().firstValue("Location").orElse("")).as(route).endsWith("/login");
    }
  }

  @Test
  void uidlAndPushRequestsWithoutASessionAreRefused() throws Exception {
    HttpResponse<String> uidl =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/?v-r=uidl&v-uiId=0"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"csrfToken\":\"x\",\"rpc\":[],\"syncId\":0,\"clientId\":0}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // Without a session Vaadin answers with an error and no UI state (syncId -1), never with
    // changes.
    assertThat(
            uidl.statusCode() >= 400
                || uidl.body().contains("sessionExpired")
                || uidl.body().contains("\"appError\"") && uidl.body().contains("\"syncId\":-1"))
        .as("UIDL answered %s: %s", uidl.statusCode(), uidl.body())
        .isTrue();
    HttpResponse<String> push =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        baseUrl()
                            + "/VAADIN/push?v-r=push&v-uiId=0&X-Atmosphere-Transport=long-polling"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(
            push.statusCode() >= 400
                || push.body().isEmpty()
                || push.body().contains("sessionExpired"))
        .as("push answered %s: %s", push.statusCode(), push.body())
        .isTrue();
  }

  @Test
  void aViewerCallingWriteServicesIsDenied() {
    String viewer = newUser("viewer", Role.VIEWER, List.of());
    authenticate(viewer);
    assertThatThrownBy(() -> namespaces.create("viewer-made"))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> userService.create("mallory", "long-password", Role.ADMIN, List.of()))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> userService.list()).isInstanceOf(AccessDeniedException.class);
    assertThat(client.namespaces().withName("viewer-made").get()).isNull();
    assertThat(users.find("mallory")).isEmpty();
  }

  private void authenticate(String username) {
    ConsoleUser principal = new ConsoleUser(users.find(username).orElseThrow(), false);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
  }
}
