package io.vmconsole.operations;

import java.time.Instant;

/**
 * One VirtualMachineOperation as the screens show it.
 *
 * @param result the Completed condition's reason and message, or empty while it runs
 * @param progress status.progress ("NN%", Evict/Migrate only), empty otherwise
 * @param route a migration's "source → target" nodes, empty otherwise
 */
public record OperationRow(
    String namespace,
    String name,
    String type,
    boolean force,
    String vmName,
    String phase,
    Instant created,
    String result,
    String progress,
    String route) {

  public String key() {
    return namespace + "/" + name;
  }

  public boolean finished() {
    return phase.equals("Completed") || phase.equals("Failed");
  }
}
