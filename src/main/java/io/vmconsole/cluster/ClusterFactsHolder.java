package io.vmconsole.cluster;

import io.vmconsole.api.validation.ClusterFacts;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Breaks the start-up cycle API server → admission → facts → informers → client → API server:
 * admission holds this, and the facts arrive once the caches have synced. Until then the rules
 * needing them are off.
 */
public class ClusterFactsHolder {
  private final AtomicReference<ClusterFacts> facts = new AtomicReference<>();

  public Optional<ClusterFacts> get() {
    return Optional.ofNullable(facts.get());
  }

  void set(ClusterFacts value) {
    facts.set(value);
  }
}
