package io.vmconsole.controller.vm;

import io.vmconsole.api.vm.VmObject;

/**
 * The controller's durable memory of a VM's live migration, in the VM's annotation {@code
 * vmconsole.io/migration}: written before any agent is asked, removed once the result is in the
 * VM's status. While it is there the VM reconciler leaves the VM to the migration (no start, stop
 * or restart), and a restarted console knows which agents to ask.
 *
 * @param id the migration id (the vmop's uid)
 * @param operation the vmop's name
 * @param start when the migration began (RFC 3339, seconds), also
 *     status.migrationState.startTimestamp
 */
public record ActiveMigration(
    String id, String operation, String source, String target, String start) {
  public static final String ANNOTATION = "vmconsole.io/migration";

  /** The VM's migration; null when it has none. */
  public static ActiveMigration of(VmObject vm) {
    return vm.annotationAs(ANNOTATION, ActiveMigration.class).orElse(null);
  }

  /**
   * Whether the VM is still migrating as far as its status goes: it still runs on the source and
   * the status has no result of this migration yet.
   */
  boolean shownAsMigrating(VmObject vm) {
    return vm.nodeName().filter(source::equals).isPresent() && !vm.migrationConcluded(start);
  }
}
