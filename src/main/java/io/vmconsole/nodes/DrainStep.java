package io.vmconsole.nodes;

/**
 * One VM of a node being (or about to be) drained.
 *
 * @param blocker why the VM cannot migrate, or null when it can
 * @param progress what its drain migration is doing ("waiting", "migrating 45%", "moved to node-2",
 *     "failed: …"), or null before the drain starts
 */
public record DrainStep(String namespace, String vm, String blocker, String progress) {
  public boolean blocked() {
    return blocker != null;
  }
}
