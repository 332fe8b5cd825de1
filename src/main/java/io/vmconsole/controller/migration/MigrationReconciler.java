package io.vmconsole.controller.migration;

import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentMigration;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vm.VmPhase;
import io.vmconsole.api.vmop.VirtualMachineOperationSpec.OperationType;
import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.cluster.Kind;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.controller.runtime.OperationStatusWriter;
import io.vmconsole.controller.scheduling.Placements;
import io.vmconsole.controller.scheduling.Scheduler;
import io.vmconsole.controller.vm.ActiveMigration;
import io.vmconsole.controller.vm.Migratability;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an Evict or Migrate vmop (issue 8): checks the VM can move, waits for a free migration slot,
 * picks the target, has the target agent prepare an incoming QEMU and the source agent send the VM,
 * follows the source's progress into the vmop, and settles the result on the VM (node,
 * migrationState, the Migrating condition) once the agents say so. The source agent commits the
 * switch-over; the controller only records it. Everything it must remember across a console restart
 * is in the VM's {@link ActiveMigration} annotation and the vmop's status; the agents' migrations
 * are asked again. What the agents are told is {@link MigrationAgents}; what is written, {@link
 * MigrationOutcome}.
 */
public final class MigrationReconciler {
  private static final Logger log = LoggerFactory.getLogger(MigrationReconciler.class);

  private final ControllerContext ctx;
  private final Placements placements;
  private final OperationStatusWriter opStatus;
  private final MigrationAgents agents;
  private final MigrationWatch watch = new MigrationWatch();
  private final MigrationOutcome outcome;

  public MigrationReconciler(
      ControllerContext ctx, Placements placements, OperationStatusWriter opStatus) {
    this.ctx = ctx;
    this.placements = placements;
    this.opStatus = opStatus;
    this.agents = new MigrationAgents(ctx.agents());
    this.outcome =
        new MigrationOutcome(
            ctx, ctx.access(Kind.VIRTUAL_MACHINE_OPERATION), opStatus, agents, watch);
  }

  /** The active Evict/Migrate of a VM: start it, or follow it. */
  public void run(VmopObject op, VmObject vm) {
    ActiveMigration active = ActiveMigration.of(vm);
    if (active != null && active.id().equals(op.uid())) {
      follow(op, vm, active);
    } else if (op.isInProgress()) {
      conclude(op, vm);
    } else {
      begin(op, vm);
    }
  }

  /** A deleted vmop: an InProgress migration is cancelled, and the vmop goes once it has ended. */
  public void deleted(VmopObject op, Optional<VmObject> vm) {
    ActiveMigration active = vm.map(ActiveMigration::of).orElse(null);
    if (active == null || !active.id().equals(op.uid())) {
      outcome.release(op, null);
      return;
    }
    watch.cancelled(active.id(), "cancelled: the operation was deleted");
    agents.cancelIfRunning(active);
    follow(op, vm.get(), active);
  }

  private void begin(VmopObject op, VmObject vm) {
    String vmPhase = vm.phaseText();
    if (vmPhase.equals("Stopped") || vmPhase.equals("Pending")) {
      opStatus.write(
          op,
          "Failed",
          "NotApplicable",
          "the VM is not running (phase " + vmPhase + "): only a running " + "VM can live-migrate");
      return;
    }
    if (!vm.phase().equals(Optional.of(VmPhase.Running))) {
      pending(op, "MigrationPending", "waiting for the VM to be Running (it is " + vmPhase + ")");
      return;
    }
    Optional<String> blocker =
        Migratability.blocker(vm, disk -> ctx.cached().disk(vm.namespace(), disk));
    if (blocker.isPresent()) {
      opStatus.write(
          op,
          "Failed",
          Migratability.NOT_MIGRATABLE,
          "the VM cannot live-migrate: " + blocker.get());
      return;
    }
    String source = vm.nodeName().orElse("");
    String wait = MigrationRules.waitReason(activeSources(), source);
    if (wait != null) {
      pending(op, "MigrationPending", "waiting: " + wait);
      return;
    }
    Scheduler.Placement placement =
        placements.chooseTarget(
            vm,
            op.type().equals(Optional.of(OperationType.Migrate)) ? op.migrateNodeSelector() : null);
    if (placement.node().isEmpty()) {
      pending(op, "TargetScheduling", "no node to move the VM to: " + placement.reason());
      return;
    }
    String target = placement.node().get();
    Optional<AgentClient> sourceAgent = agents.of(source);
    Optional<AgentClient> targetAgent = agents.of(target);
    if (sourceAgent.isEmpty() || targetAgent.isEmpty()) {
      pending(
          op, "TargetScheduling", "no agent for node " + (sourceAgent.isEmpty() ? source : target));
      return;
    }
    AgentVm running = sourceAgent.get().vm(vm.uid()).orElse(null);
    if (running == null || !running.state().equals("Running")) {
      pending(op, "MigrationPending", "waiting for the VM's QEMU on " + source + " to be Running");
      return;
    }
    ActiveMigration migration =
        new ActiveMigration(
            op.uid(),
            op.name(),
            source,
            target,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    if (!outcome.begin(op, vm, migration)) {
      // The vmop went before the migration began; nothing was started.
      return;
    }
    try {
      agents.start(
          migration,
          running,
          sourceAgent.get(),
          targetAgent.get(),
          op.bandwidthBytesPerSecond(),
          autoConverge(op, vm));
      ctx.events()
          .record(
              vm,
              false,
              "Migrating",
              "live migration from " + source + " to " + target + " started");
      log.info(
          "migration {} of {}/{}: {} → {}",
          migration.id(),
          vm.namespace(),
          vm.name(),
          source,
          target);
    } catch (AgentException e) {
      agents.cancel(target, migration.id());
      outcome.failed(op, fresh(vm), migration, "the migration could not start: " + e.getMessage());
    }
  }

  /** Reads the migration from the agents and moves the vmop and the VM on. */
  private void follow(VmopObject op, VmObject vm, ActiveMigration migration) {
    Optional<AgentMigration> state;
    try {
      state = agents.onSource(migration);
    } catch (AgentException e) {
      // Nothing is decided while the source cannot be asked: it owns the VM until it commits.
      opStatus.write(
          op, "InProgress", "Syncing", "the source agent does not answer: " + e.getMessage());
      cancelOnTimeout(vm, migration, null);
      return;
    }
    if (state.isEmpty()) {
      // The source forgot it (restarted agent) or never got it; the target says whether it
      // committed.
      Optional<AgentMigration> onTarget = agents.onTarget(migration);
      if (onTarget.filter(m -> m.state().equals("Succeeded")).isPresent()) {
        outcome.succeeded(op, vm, migration, onTarget.get());
      } else {
        agents.cancel(migration.target(), migration.id());
        // A cancel this console asked for may have been forgotten by the agent already: say why it
        // ended.
        outcome.failed(
            op,
            vm,
            migration,
            watch
                .cancelReason(migration.id())
                .orElse(
                    "the source agent on " + migration.source() + " does not know the migration"));
      }
      return;
    }
    AgentMigration m = state.get();
    switch (m.state()) {
      case "Succeeded" -> outcome.succeeded(op, vm, migration, m);
      case "Failed", "Cancelled" ->
          outcome.failed(
              op,
              vm,
              migration,
              watch
                  .cancelReason(migration.id())
                  .orElse(
                      "the migration "
                          + m.state().toLowerCase()
                          + (m.reason() == null ? "" : ": " + m.reason())));
      default -> {
        MigrationProgressHeuristic.Result progress = watch.progress(op, migration.id(), m);
        String reason = progress.notConverging() ? "NotConverging" : "Syncing";
        String message =
            progress.notConverging()
                ? "the memory left to send does not shrink: the guest writes faster than the link carries"
                    + (m.autoConverge() ? "" : " (force: true enables auto-converge)")
                : m.state().equals("Completing")
                    ? "switching over to " + migration.target()
                    : "sending the VM's memory to " + migration.target();
        outcome.progress(op, migration, m, reason, message, progress.percent());
        agents
            .of(migration.source())
            .ifPresent(
                source ->
                    agents.adjust(source, m, op.bandwidthBytesPerSecond(), autoConverge(op, vm)));
        cancelOnTimeout(vm, migration, m);
      }
    }
  }

  /** An InProgress vmop whose VM has no migration record: a console stopped while it settled. */
  private void conclude(VmopObject op, VmObject vm) {
    ActiveMigration migration =
        new ActiveMigration(
            op.uid(), op.name(), op.migrationSource(), op.migrationTarget(), vm.migrationStart());
    Optional<AgentMigration> m =
        agents.of(migration.source()).flatMap(a -> a.migration(migration.id()));
    if (m.isEmpty()) {
      m = agents.onTarget(migration);
    }
    if (m.filter(x -> x.state().equals("Succeeded")).isPresent()
        || vm.nodeName().filter(migration.target()::equals).isPresent()) {
      outcome.completed(op, vm, migration, m.orElse(null));
    } else {
      outcome.lost(op, migration, m.map(AgentMigration::reason).orElse("the migration was lost"));
    }
  }

  /**
   * A migration past its time is cancelled on the source; the next look sees it ended and says why.
   */
  private void cancelOnTimeout(VmObject vm, ActiveMigration migration, AgentMigration m) {
    if (watch.timedOut(migration, m, vm.memoryBytes()).isPresent()) {
      agents.cancel(migration.source(), migration.id());
    }
  }

  /** The source node of every Evict/Migrate in progress in the cluster (the limits count them). */
  private List<String> activeSources() {
    return ctx.cached().vmops().stream()
        .filter(o -> o.isLiveMigration() && o.isInProgress())
        .map(VmopObject::migrationSource)
        .toList();
  }

  private static boolean autoConverge(VmopObject op, VmObject vm) {
    return MigrationRules.autoConverge(vm.liveMigrationPolicy(), op.force());
  }

  private void pending(VmopObject op, String reason, String message) {
    opStatus.write(op, "Pending", reason, message, s -> s.withProgress("0%"));
  }

  private VmObject fresh(VmObject vm) {
    return ctx.freshVm(vm.namespace(), vm.name()).orElse(vm);
  }
}
