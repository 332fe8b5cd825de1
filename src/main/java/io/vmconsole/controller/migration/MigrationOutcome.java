package io.vmconsole.controller.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentMigration;
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

/**
 * What a live migration writes: on the VM, its phase Migrating, status.migrationState and the
 * Migrating condition while it runs, its new node when it succeeded, the result either way (and the
 * {@link ActiveMigration} annotation goes); on the vmop, its final phase and the counters; and then
 * the agents and the controller forget the migration.
 */
public final class MigrationOutcome {
  static final String FINALIZER = "vmconsole.io/migration";
  private static final ObjectMapper JSON = new ObjectMapper();

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
   */
  void begin(VmopObject op, VmObject vm, ActiveMigration migration) {
    ctx.annotate(vm, AnnotationChanges.set(ActiveMigration.ANNOTATION, migration.json()));
    updateVmStatus(
        vm,
        (current, status) -> {
          status.put("phase", "Migrating");
          status.set("migrationState", VmStatusWriter.migrationState(current, migration));
          migratingCondition(
              status,
              current,
              true,
              "Migrating",
              "migrating from " + migration.source() + " to " + migration.target());
          status.set(
              "stats",
              VmPhases.stats(status.get("stats"), current.phaseText(), "Migrating", Instant.now()));
        });
    ctx.addFinalizer(Kind.VIRTUAL_MACHINE_OPERATION, op, FINALIZER);
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
        (current, status) -> {
          status.put("nodeName", migration.target()).put("phase", "Running");
          ObjectNode state = VmStatusWriter.migrationState(current, migration);
          state
              .put("endTimestamp", now.truncatedTo(ChronoUnit.SECONDS).toString())
              .put("result", "Succeeded");
          status.set("migrationState", state);
          migratingCondition(
              status,
              current,
              false,
              "Succeeded",
              "migrated from "
                  + migration.source()
                  + " to "
                  + migration.target()
                  + (m.downtimeMs() == null ? "" : " (downtime " + m.downtimeMs() + " ms)"));
          status.set(
              "stats", VmPhases.stats(status.get("stats"), current.phaseText(), "Running", now));
        });
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
        (current, status) -> {
          ObjectNode state = VmStatusWriter.migrationState(current, migration);
          state
              .put("endTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
              .put("result", "Failed");
          status.set("migrationState", state);
          migratingCondition(status, current, false, "Failed", reason);
        });
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
    void apply(VmObject current, ObjectNode status);
  }

  /** Changes the VM's status from a fresh read, retrying lost races with the VM reconciler. */
  private void updateVmStatus(VmObject vm, StatusChange change) {
    ctx.vms()
        .modifyStatus(
            vm.namespace(),
            vm.name(),
            current -> {
              VmObject before = VmObject.of(current.deepCopy());
              change.apply(before, current.with("status"));
            });
  }

  /** The Migrating condition, the others kept as they are. */
  private static void migratingCondition(
      ObjectNode status, VmObject vm, boolean value, String reason, String message) {
    status.set(
        "conditions",
        ConditionsBuilder.of(vm, Instant.now())
            .keepAllBut("Migrating")
            .set("Migrating", value, reason, message)
            .toArray());
  }
}
