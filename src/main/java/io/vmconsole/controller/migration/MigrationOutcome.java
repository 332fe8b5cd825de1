package io.vmconsole.controller.migration;

import io.fabric8.kubernetes.api.model.Condition;
import io.vmconsole.agent.AgentMigration;
import io.vmconsole.api.vm.VirtualMachineStatus;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vmop.VirtualMachineOperationStatus.MigrationStatus;
import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.controller.runtime.AnnotationChanges;
import io.vmconsole.controller.runtime.ConditionsBuilder;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.controller.runtime.OperationStatusWriter;
import io.vmconsole.controller.vm.ActiveMigration;
import io.vmconsole.controller.vm.VmPhases;
import io.vmconsole.controller.vm.VmStatusWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a live migration writes: on the VM, its phase Migrating, status.migrationState and the
 * Migrating condition while it runs, its new node when it succeeded, the result either way (and the
 * {@link ActiveMigration} annotation goes); on the vmop, its final phase and the counters; and then
 * the agents and the controller forget the migration.
 */
public final class MigrationOutcome {
  static final String FINALIZER = "vmconsole.io/migration";

  private final ControllerContext ctx;
  private final ResourceAccess ops;
  private final OperationStatusWriter opStatus;
  private final MigrationAgents agents;
  private final MigrationWatch watch;

  public MigrationOutcome(
      ControllerContext ctx,
      ResourceAccess ops,
      OperationStatusWriter opStatus,
      MigrationAgents agents,
      MigrationWatch watch) {
    this.ctx = ctx;
    this.ops = ops;
    this.opStatus = opStatus;
    this.agents = agents;
    this.watch = watch;
  }

  /**
   * The migration is recorded before any agent is asked: from here on the VM reconciler leaves the
   * VM to it, and it is shown Migrating at once however short it turns out. The vmop is held by the
   * finalizer so that deleting it cancels the migration.
   *
   * @return false when the vmop was gone or being deleted: nothing began
   */
  boolean begin(VmopObject op, VmObject vm, ActiveMigration migration) {
    // The vmop is held first: a vmop deleted before then (a drain cancelled at once) starts
    // nothing, and one deleted after it waits for this begin and then cancels what it started.
    // Marked the other way round, a VM could be left Migrating with no vmop to end it.
    if (!ctx.addFinalizer(Kind.VIRTUAL_MACHINE_OPERATION, op, FINALIZER)) {
      return false;
    }
    ctx.annotate(vm, AnnotationChanges.setJson(ActiveMigration.ANNOTATION, migration));
    updateVmStatus(
        vm,
        (current, status) ->
            status
                .phase("Migrating")
                .migrationState(VmStatusWriter.migrationState(current, migration))
                .conditions(
                    migratingCondition(
                        current,
                        true,
                        "Migrating",
                        "migrating from " + migration.source() + " to " + migration.target()))
                .stats(
                    VmPhases.stats(
                        current.status().stats(),
                        current.phaseText(),
                        "Migrating",
                        Instant.now())));
    watch.started(migration.id());
    opStatus.write(
        op,
        "InProgress",
        "TargetScheduling",
        "preparing the target " + migration.target(),
        s ->
            s.withProgress("0%")
                .withMigration(
                    new MigrationStatus(
                        migration.source(),
                        migration.target(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)));
    return true;
  }

  /** The migration runs: the vmop shows its progress. */
  void progress(
      VmopObject op,
      ActiveMigration migration,
      AgentMigration m,
      String reason,
      String message,
      int percent) {
    opStatus.write(
        op,
        "InProgress",
        reason,
        message,
        s -> s.withProgress(percent + "%").withMigration(counters(migration, m)));
  }

  void succeeded(VmopObject op, VmObject vm, ActiveMigration migration, AgentMigration m) {
    Instant now = Instant.now();
    updateVmStatus(
        vm,
        (current, status) ->
            status
                .nodeName(migration.target())
                .phase("Running")
                .migrationState(
                    VmStatusWriter.migrationState(current, migration)
                        .ended(now.truncatedTo(ChronoUnit.SECONDS).toString(), "Succeeded"))
                .conditions(
                    migratingCondition(
                        current,
                        false,
                        "Succeeded",
                        "migrated from "
                            + migration.source()
                            + " to "
                            + migration.target()
                            + (m.downtimeMs() == null
                                ? ""
                                : " (downtime " + m.downtimeMs() + " ms)")))
                .stats(
                    VmPhases.stats(current.status().stats(), current.phaseText(), "Running", now)));
    ctx.annotate(vm, AnnotationChanges.remove(ActiveMigration.ANNOTATION));
    ctx.events()
        .record(
            vm,
            false,
            "Migrated",
            "live migration from "
                + migration.source()
                + " to "
                + migration.target()
                + " succeeded");
    completed(op, vm, migration, m);
  }

  /** The vmop completes; the source's stopped copy of the VM goes. */
  void completed(VmopObject op, VmObject vm, ActiveMigration migration, AgentMigration m) {
    opStatus.write(
        op,
        "Completed",
        "Completed",
        "the VM runs on " + migration.target(),
        s ->
            m == null
                ? s.withProgress("100%")
                : s.withProgress("100%").withMigration(counters(migration, m)));
    agents.deleteFromSource(migration, vm.uid());
    agents.forget(migration);
    release(op, migration);
  }

  void failed(VmopObject op, VmObject vm, ActiveMigration migration, String reason) {
    updateVmStatus(
        vm,
        (current, status) ->
            status
                .migrationState(
                    VmStatusWriter.migrationState(current, migration)
                        .ended(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "Failed"))
                .conditions(migratingCondition(current, false, "Failed", reason)));
    ctx.annotate(vm, AnnotationChanges.remove(ActiveMigration.ANNOTATION));
    ctx.events().record(vm, true, "MigrationFailed", reason);
    opStatus.write(op, "Failed", "Failed", reason);
    agents.forget(migration);
    release(op, migration);
  }

  /** The vmop fails without the VM having been touched (a lost migration found after a restart). */
  void lost(VmopObject op, ActiveMigration migration, String reason) {
    opStatus.write(op, "Failed", "Failed", reason);
    agents.forget(migration);
    release(op, migration);
  }

  /** The controller lets the vmop go: a deletion waiting on the migration proceeds. */
  void release(VmopObject op, ActiveMigration migration) {
    if (migration != null) {
      watch.forget(migration.id());
    }
    ctx.removeFinalizer(Kind.VIRTUAL_MACHINE_OPERATION, op, FINALIZER);
  }

  private static MigrationStatus counters(ActiveMigration migration, AgentMigration m) {
    return new MigrationStatus(
        migration.source(),
        migration.target(),
        m.bytesTransferred(),
        m.bytesRemaining(),
        m.bytesTotal(),
        m.throughputBytesPerSecond(),
        m.dirtyRateBytesPerSecond(),
        m.iterations(),
        m.downtimeMs(),
        m.totalMs());
  }

  /** A change to the VM's status, given the VM as it is now and its status to change. */
  private interface StatusChange {
    VirtualMachineStatus.Builder apply(VmObject current, VirtualMachineStatus.Builder status);
  }

  /** Changes the VM's status from a fresh read, retrying lost races with the VM reconciler. */
  private void updateVmStatus(VmObject vm, StatusChange change) {
    ctx.modifyVmStatus(vm, current -> change.apply(current, current.status().toBuilder()).build());
  }

  /** The conditions with the Migrating one set, the others kept as they are. */
  private static List<Condition> migratingCondition(
      VmObject vm, boolean value, String reason, String message) {
    return ConditionsBuilder.of(vm, Instant.now())
        .keepAllBut("Migrating")
        .set("Migrating", value, reason, message)
        .toList();
  }
}
