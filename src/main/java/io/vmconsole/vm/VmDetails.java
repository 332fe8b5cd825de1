package io.vmconsole.vm;

import io.vmconsole.api.vm.VmObject;
import java.util.List;
import java.util.Map;

/**
 * One VM as its page shows it.
 *
 * @param summary the list's view of it
 * @param conditions its status conditions
 * @param yaml the stored object as YAML
 * @param transitions the phases it went through, oldest first
 * @param launch the launch durations (waiting for dependencies, starting, guest agent starting)
 * @param guestOs the guest agent's OS report, empty without an agent
 * @param pending status.restartAwaitingChanges
 * @param events the recent Events about it, newest first
 * @param runPolicy spec.runPolicy
 * @param restartApprovalMode spec.disruptions.restartApprovalMode
 * @param disks the VirtualDisks it boots from or uses (kept when the VM is deleted)
 * @param ipAddressName its vmip, empty before one is bound
 * @param automaticIp whether the vmip was made for it (and goes with it)
 * @param lastMigration status.migrationState with the Migrating condition's message, null if it
 *     never moved
 * @param notMigratable why the VM cannot live-migrate ({@link VmObject#migrationBlocker()}), null
 *     when it can
 * @param provisioning spec.provisioning, null when absent (whom its cloud-init lets log in)
 */
public record VmDetails(
    VmSummary summary,
    List<Condition> conditions,
    String yaml,
    List<Transition> transitions,
    Map<String, String> launch,
    Map<String, String> guestOs,
    List<PendingChange> pending,
    List<Event> events,
    String runPolicy,
    String restartApprovalMode,
    List<String> disks,
    String ipAddressName,
    boolean automaticIp,
    LastMigration lastMigration,
    String notMigratable,
    VmObject.Provisioning provisioning) {

  /**
   * The VM's own record of its latest migration (it outlives the operation, e.g. one deleted to
   * cancel).
   *
   * @param start when it started, null if unreadable
   * @param result Succeeded, Failed, or empty while it runs
   * @param message the Migrating condition's message (why it failed, or where it went)
   */
  public record LastMigration(
      java.time.Instant start,
      String result,
      String sourceNode,
      String targetNode,
      String message) {}

  /** A status condition. */
  public record Condition(
      String type, String status, String reason, String message, String lastTransitionTime) {}

  /** One entry of status.stats.phasesTransitions. */
  public record Transition(String phase, String timestamp) {}

  /** One field waiting for a restart, values as JSON text. */
  public record PendingChange(String path, String current, String desired, String operation) {}

  /** One core Event about the VM. */
  public record Event(String type, String reason, String message, String time) {}

  /**
   * Why the VM cannot be live-migrated now, or empty when it can: it must be Running and the
   * controller's Migratable condition True (its message names the cause otherwise, e.g. a
   * node-local disk).
   */
  public java.util.Optional<String> migrationBlocker() {
    if (!"Running".equals(summary.phase())) {
      return java.util.Optional.of(
          "Only a running VM can migrate; this one is "
              + (summary.phase().isEmpty() ? "not running" : summary.phase())
              + ".");
    }
    if (notMigratable == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        notMigratable.equals(VmObject.MIGRATABILITY_UNKNOWN)
            ? "Cannot migrate yet: " + notMigratable + "."
            : "Cannot migrate: " + notMigratable);
  }

  public boolean awaitingRestart() {
    return !pending.isEmpty();
  }
}
