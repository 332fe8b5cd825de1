package io.vmconsole.controller.operations;

import io.vmconsole.api.vm.VirtualMachineSpec.RunPolicy;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vm.VmPhase;
import io.vmconsole.api.vmop.VirtualMachineOperationSpec.OperationType;
import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.cluster.Kind;
import io.vmconsole.controller.migration.MigrationReconciler;
import io.vmconsole.controller.runtime.AnnotationChanges;
import io.vmconsole.controller.runtime.Annotations;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.controller.runtime.OperationStatusWriter;
import io.vmconsole.controller.scheduling.Placements;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the VirtualMachineOperations of one VM (issue 4 §6): one active at a time, the rest Pending
 * unless {@link OperationOrder} lets a newer one supersede. An operation only states an intent on
 * the VM (power, restart request); the VM reconciler acts, and the operation completes when the VM
 * shows it.
 */
public final class OperationReconciler {
  private final ControllerContext ctx;
  private final OperationStatusWriter opStatus;
  private final MigrationReconciler migrations;
  private final CreationOrder creationOrder = new CreationOrder();
  private final Clock clock = Clock.systemUTC();

  public OperationReconciler(ControllerContext ctx, Placements placements) {
    this.ctx = ctx;
    this.opStatus =
        new OperationStatusWriter(ctx.access(Kind.VIRTUAL_MACHINE_OPERATION), ctx.events());
    this.migrations = new MigrationReconciler(ctx, placements, opStatus);
  }

  /**
   * @return whether to look again soon (an operation is in progress)
   */
  public boolean reconcile(String namespace, String vmName) {
    List<VmopObject> mine =
        new ArrayList<>(
            ctx.cached().vmops().stream().filter(o -> o.concerns(namespace, vmName)).toList());
    creationOrder.sort(mine);
    Optional<VmObject> vm = ctx.freshVm(namespace, vmName);
    boolean deleting = false;
    List<OperationOrder.Op> rules = new ArrayList<>();
    for (VmopObject op : mine) {
      if (op.deleting()) {
        // Only a started migration holds its vmop (finalizer): deleting it cancels the migration.
        if (op.isLiveMigration()) {
          migrations.deleted(op, vm);
          deleting = true;
        }
        continue;
      }
      rules.add(
          new OperationOrder.Op(
              op.name(),
              typeName(op),
              Boolean.TRUE.equals(op.force()),
              op.phaseText(),
              op.isInProgress()));
    }
    OperationOrder.Plan plan = OperationOrder.plan(rules);
    for (VmopObject op : mine) {
      if (op.isOver()) {
        continue;
      }
      Optional<OperationType> type = op.type();
      if (plan.superseded().contains(op.name())
          || (op.isLiveMigration() && !op.isInProgress() && supersededMigration(op, mine))) {
        opStatus.write(op, "Completed", "Superseded", "superseded by a newer operation");
      } else if (type.isEmpty()
          || type.get() == OperationType.Restore
          || type.get() == OperationType.Clone) {
        opStatus.write(op, "Failed", "NotSupported", typeName(op) + " is not supported yet");
      } else if (!op.name().equals(plan.run())) {
        opStatus.write(
            op,
            "Pending",
            "WaitingForActiveOperation",
            "another operation of this VM is in progress");
      } else if (vm.isEmpty()) {
        opStatus.write(
            op, "Pending", "VirtualMachineNotFound", "VirtualMachine " + vmName + " not found");
      } else if (op.isLiveMigration()) {
        migrations.run(op, vm.get());
      } else {
        run(op, type.get(), vm.get());
      }
    }
    return plan.run() != null || deleting;
  }

  private void run(VmopObject op, OperationType type, VmObject vm) {
    boolean force = Boolean.TRUE.equals(op.force());
    RunPolicy policy = vm.runPolicy();
    String vmPhase = vm.phaseText();
    boolean running = vm.phase().equals(Optional.of(VmPhase.Running));
    boolean started = op.isInProgress();
    switch (type) {
      case Start -> {
        Optional<String> noNode = started ? unschedulable(op, vm) : Optional.empty();
        if (policy == RunPolicy.AlwaysOff) {
          opStatus.write(
              op, "Failed", "NotApplicable", "runPolicy AlwaysOff: the VM cannot be started");
        } else if (policy == RunPolicy.AlwaysOn && !started) {
          opStatus.write(op, "Completed", "NoOp", "runPolicy AlwaysOn: the VM runs already");
        } else if (running && started) {
          opStatus.write(op, "Completed", "Completed", "the VM is Running");
        } else if (running) {
          opStatus.write(op, "Completed", "NoOp", "the VM is Running already");
        } else if (noNode.isPresent()) {
          // The intent goes with the operation: the VM does not start by surprise later.
          ctx.annotate(vm, AnnotationChanges.set(Annotations.POWER, "off"));
          opStatus.write(op, "Failed", "Unschedulable", noNode.get());
        } else {
          ctx.annotate(vm, AnnotationChanges.set(Annotations.POWER, "on"));
          opStatus.write(op, "InProgress", "InProgress", "starting the VM");
        }
      }
      case Stop -> {
        if (policy == RunPolicy.AlwaysOn) {
          opStatus.write(
              op, "Failed", "NotApplicable", "runPolicy AlwaysOn: the VM cannot be stopped");
        } else if (policy == RunPolicy.AlwaysOff) {
          opStatus.write(op, "Completed", "NoOp", "runPolicy AlwaysOff: the VM is stopped already");
        } else if (started && (vmPhase.equals("Stopped") || vmPhase.equals("Pending"))) {
          opStatus.write(op, "Completed", "Completed", "the VM is " + vmPhase);
        } else {
          ctx.annotate(
              vm,
              AnnotationChanges.set(Annotations.POWER, "off")
                  .andIf(force, Annotations.STOP_FORCE, "true"));
          opStatus.write(
              op,
              "InProgress",
              "InProgress",
              force ? "stopping the VM (forced)" : "stopping the VM");
        }
      }
      case Restart -> {
        String request = op.uid() + (force ? ":force" : "");
        if (policy == RunPolicy.AlwaysOff) {
          opStatus.write(
              op, "Failed", "NotApplicable", "runPolicy AlwaysOff: the VM cannot be restarted");
        } else if (started
            && vm.annotation(Annotations.RESTART_DONE).equals(Optional.of(request))
            && running) {
          opStatus.write(op, "Completed", "Completed", "the VM was restarted");
        } else if (!started) {
          ctx.annotate(vm, AnnotationChanges.set(Annotations.RESTART, request));
          opStatus.write(op, "InProgress", "InProgress", "restarting the VM");
        }
      }
      default -> opStatus.write(op, "Failed", "NotSupported", type + " is not supported");
    }
  }

  /** A Restart newer than a not-yet-started Evict or Migrate supersedes it. */
  private static boolean supersededMigration(VmopObject evict, List<VmopObject> ops) {
    boolean after = false;
    for (VmopObject op : ops) {
      if (op == evict) {
        after = true;
      } else if (after && op.type().equals(Optional.of(OperationType.Restart))) {
        return true;
      }
    }
    return false;
  }

  private static String typeName(VmopObject op) {
    return op.type().map(Enum::name).orElse(op.typeText());
  }

  private Optional<String> unschedulable(VmopObject op, VmObject vm) {
    Instant created;
    try {
      created = Instant.parse(op.creationTimestamp());
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
    return UnschedulableStart.failure(vm, created, clock.instant());
  }
}
