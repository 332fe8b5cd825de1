package io.vmconsole.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmconsole.testsupport.ApiServerProcess;
import io.vmconsole.testsupport.ConsoleProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's probes against a console in kubeconfig mode: both answer without a login, liveness
 * is the process alone, and readiness follows the API server (here a separate process, stopped
 * mid-test as a cluster's API can be).
 */
class HealthProbesIT {
  private static final Path DIR = Path.of("target/health-probes");

  // No cookies, no credentials: what a kubelet sends.
  private final HttpClient kubelet =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void livenessStaysUpAndReadinessFollowsTheApiServerWithoutALogin() throws Exception {
    ApiServerProcess api = new ApiServerProcess(DIR);
    try (api;
        ConsoleProcess console =
            new ConsoleProcess(
                DIR.resolve("console.log"),
                "vmconsole.cluster.mode=kubeconfig",
                "vmconsole.cluster.kubeconfig=" + api.kubeconfig().toAbsolutePath(),
                "vmconsole.data-dir=" + DIR.resolve("console").toAbsolutePath(),
                "vmconsole.security.initial-admin-password=health-admin-pw",
                "vmconsole.controller.enabled=false",
                "spring.main.sources=" + OneKnownAgent.class.getName(),
                "vmconsole.test.agent-node=node-a")) {
      String base = console.baseUrl();

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(get(base + "/actuator/health/readiness")).isEqualTo(UP));
      assertThat(get(base + "/actuator/health/liveness")).isEqualTo(UP);
      // Everything else of the actuator stays behind the login.
      assertThat(status(base + "/actuator/health")).isNotEqualTo(200);
      assertThat(status(base + "/actuator")).isNotEqualTo(200);
      assertThat(status(base + "/actuator/env")).isNotEqualTo(200);

      api.close();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(get(base + "/actuator/health/readiness")).isEqualTo(DOWN));
      assertThat(get(base + "/actuator/health/liveness")).isEqualTo(UP);
    }
  }

  private static final String UP = "200 {\"status\":\"UP\"}";
  private static final String DOWN = "503 {\"status\":\"DOWN\"}";

  private String get(String url) throws Exception {
    HttpResponse<String> r =
        kubelet.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  private int status(String url) throws Exception {
    return kubelet
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
