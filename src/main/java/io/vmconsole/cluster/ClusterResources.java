package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One accessor and one informer-fed cache per kind, created on first use, for the controller and
 * the embedded topology. The caches start when first asked for and stop with the application.
 */
public class ClusterResources implements AutoCloseable {
  private final KubernetesClient client;
  private final Map<String, ResourceCache> caches = new ConcurrentHashMap<>();

  public ClusterResources(KubernetesClient client) {
    this.client = client;
  }

  public ResourceAccess access(Kind kind) {
    return new ResourceAccess(client, kind.context());
  }

  /** A started cache of the kind across all namespaces. */
  public ResourceCache cache(Kind kind) {
    return caches.computeIfAbsent(
        kind.name(),
        k -> {
          ResourceCache cache = new ResourceCache(client, kind.context());
          cache.start();
          return cache;
        });
  }

  /** The caches made so far. */
  java.util.List<InformerState> states() {
    return caches.values().stream().map(ResourceCache::state).toList();
  }

  @Override
  public void close() {
    caches.values().forEach(ResourceCache::close);
  }
}
