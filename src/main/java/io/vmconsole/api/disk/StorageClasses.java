package io.vmconsole.api.disk;

/**
 * The storage classes the product offers. A disk of a node-local class lives in one node's local
 * pool: its VM runs only on that node and cannot live-migrate (issue 8: the Migratable condition
 * and drain blockers both ask {@link #isNodeLocal}).
 */
public final class StorageClasses {
  /** Default: the shared pool every node sees (a shared filesystem on a cluster). */
  public static final String SHARED = "shared";

  /** A node's own pool; created where the disk's first VM is placed (WaitForFirstConsumer). */
  public static final String LOCAL = "local";

  /** Every class the product offers, default first. */
  public static final java.util.List<String> ALL = java.util.List.of(SHARED, LOCAL);

  private StorageClasses() {}

  public static boolean isNodeLocal(String storageClassName) {
    return LOCAL.equals(storageClassName);
  }
}
