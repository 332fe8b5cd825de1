package io.vmconsole.controller.runtime;

import java.time.Duration;

/**
 * One controller's reconcile of the object a work-queue key names ("namespace/name", "/name" for a
 * cluster-scoped one, a node's name for drains): it makes the world match the object and says when
 * to look again. Registered with its queue and what wakes it in {@link
 * io.vmconsole.controller.Controller}.
 */
@FunctionalInterface
public interface Reconciler {
  /**
   * @return when to look again; null: only when a watched change names the key again
   */
  Duration reconcile(String key);
}
