package io.vmconsole.cluster.embedded.store;

/**
 * The store could not make a change durable (a full or failing disk). The store stops there: what
 * is in memory may be ahead of the disk, so it answers nothing more until restarted, and recovery
 * reads back exactly what was acknowledged.
 */
public final class StoreFailedException extends RuntimeException {
  public StoreFailedException(Throwable cause) {
    super("the API server's store failed: " + cause.getMessage(), cause);
  }
}
