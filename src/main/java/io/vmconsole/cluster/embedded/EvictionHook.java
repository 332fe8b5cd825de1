package io.vmconsole.cluster.embedded;

import java.util.Map;

/**
 * Decides an eviction (POST pods/NAME/eviction) as a disruption budget or an admission webhook
 * would on a cluster: drain asks for every pod, and some pods (a VM's placeholder) must not simply
 * go. Called under the server's write lock: it must answer from memory, never call the API server
 * or wait; side effects (starting a migration) belong on another thread.
 */
@FunctionalInterface
public interface EvictionHook {
  /** Grants every eviction: the pod is deleted. */
  EvictionHook GRANT = (namespace, pod, labels) -> null;

  /**
   * @return null to grant the eviction (the pod is deleted), or the message of a refusal, which the
   *     client gets as 429 TooManyRequests and retries (kubectl drain every 5 s)
   */
  String refusal(String namespace, String pod, Map<String, String> labels);
}
