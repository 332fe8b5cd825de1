package io.vmconsole.cluster;

import io.vmconsole.cluster.embedded.EvictionHook;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Breaks the start-up cycle API server → controller → client → API server for evictions: the
 * embedded server asks this, and the controller plugs in its rule once it runs. Until then every
 * eviction is granted, as before issue 8.
 */
public class PodEvictions implements EvictionHook {
  private final AtomicReference<EvictionHook> delegate = new AtomicReference<>(EvictionHook.GRANT);

  public void decideWith(EvictionHook hook) {
    delegate.set(hook);
  }

  @Override
  public String refusal(String namespace, String pod, Map<String, String> labels) {
    return delegate.get().refusal(namespace, pod, labels);
  }
}
