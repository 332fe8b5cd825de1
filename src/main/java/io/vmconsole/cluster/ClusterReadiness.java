package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the console can serve from the Kubernetes API now: the API answers, and every cache has
 * listed its kind and is watching it. Readiness asks this; liveness never does, so an API outage
 * takes the console out of its Service without restarting it.
 */
public class ClusterReadiness {
  // Below a kubelet probe's default timeout (1 s would be too tight for a loaded API server, and
  // the probe's own timeout is set above this in deploy/).
  private static final long API_TIMEOUT_MS = 2_000;

  private final HttpClient http;
  private final String versionUrl;
  private final ClusterResources resources;
  private final List<InformerState> fixed;

  public ClusterReadiness(
      KubernetesClient client,
      ClusterResources resources,
      NamespaceDirectory namespaces,
      ModuleConfigs moduleConfigs,
      IpLeases leases,
      IpAddresses addresses) {
    this.http = client.getHttpClient();
    String master = client.getConfiguration().getMasterUrl();
    this.versionUrl = (master.endsWith("/") ? master : master + "/") + "version";
    this.resources = resources;
    this.fixed =
        List.of(namespaces.state(), moduleConfigs.state(), leases.state(), addresses.state());
  }

  /** Why the console is not ready now, or empty when it is. */
  public Optional<String> problem() {
    Optional<String> api = apiProblem();
    if (api.isPresent()) {
      return api;
    }
    List<InformerState> states = new ArrayList<>(fixed);
    states.addAll(resources.states());
    for (InformerState s : states) {
      if (!s.hasSynced()) {
        return Optional.of("the cache of " + s.kind() + " has not listed its objects yet");
      }
      if (!s.isWatching()) {
        return Optional.of("the watch of " + s.kind() + " is down (reconnecting)");
      }
    }
    return Optional.empty();
  }

  private Optional<String> apiProblem() {
    try {
      HttpResponse<byte[]> answer =
          http.sendAsync(
                  http.newHttpRequestBuilder()
                      .uri(versionUrl)
                      .timeout(API_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                      .build(),
                  byte[].class)
              .get(API_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      return answer.isSuccessful()
          ? Optional.empty()
          : Optional.of("the Kubernetes API answers HTTP " + answer.code() + " at " + versionUrl);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while asking the Kubernetes API");
    } catch (TimeoutException e) {
      return Optional.of(
          "the Kubernetes API did not answer within " + API_TIMEOUT_MS + " ms at " + versionUrl);
    } catch (ExecutionException e) {
      return Optional.of(
          "the Kubernetes API cannot be reached at "
              + versionUrl
              + ": "
              + e.getCause().getMessage());
    }
  }
}
