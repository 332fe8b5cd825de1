package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/** What readiness asks of one informer-fed cache: has it listed its kind, is its watch running. */
record InformerState(String kind, SharedIndexInformer<?> informer) {

  boolean hasSynced() {
    return informer.hasSynced();
  }

  boolean isWatching() {
    return informer.isWatching();
  }
}
