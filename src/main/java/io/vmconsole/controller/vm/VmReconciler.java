package io.vmconsole.controller.vm;

import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.api.change.SpecChanges;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.vm.RestartAwaitingChange;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vm.VmPhase;
import io.vmconsole.cluster.Kind;
import io.vmconsole.controller.runtime.AnnotationChanges;
import io.vmconsole.controller.runtime.Annotations;
import io.vmconsole.controller.runtime.CachedObjects;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.controller.scheduling.Placements;
import io.vmconsole.controller.scheduling.Scheduler;
import io.vmconsole.controller.vm.PowerPolicy.Action;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one VirtualMachine real (issue 4 §4–9). Until the VM is placed the controller decides;
 * after that the node agent's report is the truth. The controller is the only writer of the status.
 */
public final class VmReconciler {
  private static final Logger log = LoggerFactory.getLogger(VmReconciler.class);

  private final ControllerContext ctx;
  private final Placements placements;
  private final CachedFacts facts;
  private final VmTermination termination;

  /** Unschedulable VMs, by uid and generation: an edit of the VM tries again at once. */
  private final VmStarts starts;

  private final Backoff scheduleBackoff = new Backoff(java.time.Clock.systemUTC());

  public VmReconciler(ControllerContext ctx, Placements placements, CachedFacts facts) {
    this.ctx = ctx;
    this.placements = placements;
    this.facts = facts;
    this.termination = new VmTermination(ctx);
    this.starts = new VmStarts(ctx, java.time.Clock.systemUTC());
  }

  /**
   * @return when to look again (null: only on the next change)
   */
  public Duration reconcile(String namespace, String name) {
    Optional<VmObject> found = ctx.freshVm(namespace, name);
    if (found.isEmpty()) {
      return null;
    }
    VmObject vm = found.get();
    if (vm.deleting()) {
      return termination.terminate(vm);
    }
    if (ensureMemory(vm)) {
      return Duration.ZERO;
    }
    VmInputs.Resolution inputs = VmInputs.resolve(vm, facts.of(vm));
    String node = vm.nodeName().orElse(null);
    ActiveMigration migration = ActiveMigration.of(vm);
    if (migration != null && migration.shownAsMigrating(vm)) {
      return migrating(vm, inputs, migration);
    }
    String policy = vm.runPolicy().name();
    String power = vm.annotation(Annotations.POWER).orElse(null);
    if (node == null) {
      boolean wantsToRun = PowerPolicy.decide(policy, power, null, false).action() == Action.START;
      List<DiskObject> firstConsumerDisks =
          wantsToRun ? placements.disksAwaitingFirstConsumer(vm) : List.of();
      if (!firstConsumerDisks.isEmpty()) {
        return placeDisks(vm, inputs, firstConsumerDisks);
      }
      if (!wantsToRun || !inputs.ready()) {
        return writeStatus(vm, inputs, null, null, wantsToRun, null, null);
      }
      Duration wait = scheduleBackoff.remaining(scheduleKey(vm));
      if (!wait.isZero()) {
        return wait;
      }
      Scheduler.Placement placement = placements.place(vm);
      if (placement.node().isEmpty()) {
        return unschedulable(vm, inputs, placement);
      }
      scheduleBackoff.succeeded(scheduleKey(vm));
      node = placement.node().get();
    }
    String placed = node;
    Optional<AgentClient> agent = ctx.agents().forNode(placed);
    AgentVm agentVm;
    try {
      agentVm =
          agent
              .orElseThrow(() -> new AgentException(0, "no agent for node " + placed))
              .vm(vm.uid())
              .orElse(null);
    } catch (AgentException e) {
      // Nothing is started while the agent cannot be asked: it may still run the VM.
      writeStatus(vm, inputs, node, null, false, null, e.getMessage());
      return Duration.ofSeconds(2);
    }
    return act(vm, inputs, node, agent.get(), agentVm, policy, power);
  }

  /**
   * No node fits: said once as an Event (aggregated, its count rising) and in the Scheduled
   * condition; the next attempt backs off, so a VM that cannot fit costs little however long it
   * waits.
   */
  private Duration unschedulable(
      VmObject vm, VmInputs.Resolution inputs, Scheduler.Placement placement) {
    ctx.events().record(vm, true, "FailedScheduling", "no node fits: " + placement.reason());
    writeStatus(vm, inputs, null, null, true, placement, null);
    return scheduleBackoff.failed(scheduleKey(vm));
  }

  private static String scheduleKey(VmObject vm) {
    return vm.uid() + "@" + vm.generation();
  }

  /**
   * WaitForFirstConsumer: the VM is placed before its node-local disks exist, and they are made on
   * its node; it starts once they are Ready (the disk's change brings it back here).
   */
  private Duration placeDisks(VmObject vm, VmInputs.Resolution inputs, List<DiskObject> disks) {
    Duration wait = scheduleBackoff.remaining(scheduleKey(vm));
    if (!wait.isZero()) {
      return wait;
    }
    Scheduler.Placement placement = placements.place(vm);
    if (placement.node().isEmpty()) {
      return unschedulable(vm, inputs, placement);
    }
    scheduleBackoff.succeeded(scheduleKey(vm));
    placements.selectNodeForDisks(disks, placement.node().get());
    ctx.events()
        .record(
            vm,
            false,
            "DisksNodeSelected",
            "node-local disks are created on " + placement.node().get());
    return Duration.ofSeconds(2);
  }

  /**
   * While a live migration runs the migration reconciler owns the VM's QEMUs: nothing is started,
   * stopped or restarted here (the source's QEMU stops by design, "migrated to …"); only the status
   * is kept, with phase Migrating.
   */
  private Duration migrating(VmObject vm, VmInputs.Resolution inputs, ActiveMigration migration) {
    String source = migration.source();
    AgentVm agentVm;
    try {
      agentVm =
          ctx.agents()
              .forNode(source)
              .orElseThrow(() -> new AgentException(0, "no agent for node " + source))
              .vm(vm.uid())
              .orElse(null);
    } catch (AgentException e) {
      writeStatus(vm, inputs, source, null, true, null, e.getMessage(), migration);
      return Duration.ofSeconds(2);
    }
    writeStatus(vm, inputs, source, agentVm, true, null, null, migration);
    return Duration.ofSeconds(2);
  }

  private Duration act(
      VmObject vm,
      VmInputs.Resolution inputs,
      String node,
      AgentClient agent,
      AgentVm agentVm,
      String policy,
      String power) {
    String uid = vm.uid();
    boolean active = agentVm != null && agentVm.active();
    List<RestartAwaitingChange> awaiting = active ? awaiting(vm, inputs) : List.of();
    String restart = restartRequest(vm, active, awaiting);
    if (restart != null) {
      return restart(vm, inputs, node, agent, agentVm, restart);
    }
    boolean newStop =
        agentVm != null
            && !active
            && vm.annotation(Annotations.LAST_STARTED_SPEC).isPresent()
            && agentVm.since() != null
            && !vm.annotation(Annotations.STOP_HANDLED).equals(Optional.of(agentVm.since()));
    PowerPolicy.Decision decision = PowerPolicy.decide(policy, power, agentVm, newStop);
    if (decision.action() == Action.START && inputs.ready()) {
      Duration wait = starts.remaining(uid);
      if (!wait.isZero()) {
        return wait;
      }
      if (agentVm != null && (newStop || vm.phase().equals(Optional.of(VmPhase.Running)))) {
        // A guest that stopped by itself and is started again shows as a restart: through Starting.
        // By the agent's account (a stop not yet handled), not only the cached phase: a guest that
        // dies right after it came up may still show the phase before Running in this cache.
        starts.announcePolicyRestart(vm, agentVm, policy);
        writeStatus(vm, inputs, node, agentVm, true, null, null);
        vm = fresh(vm);
      }
      Optional<AgentVm> started = starts.start(vm, inputs, node, agent);
      if (started.isEmpty()) {
        writeStatus(fresh(vm), inputs, node, agentVm, true, null, null);
        return starts.remaining(uid);
      }
      ctx.events()
          .record(
              vm,
              false,
              "Started",
              "VM started on " + node + " (QEMU pid " + started.get().pid() + ")");
      writeStatus(fresh(vm), inputs, node, started.get(), true, null, null);
      return Duration.ofSeconds(2);
    }
    if (decision.action() != Action.START) {
      // A VM that is not to run has no failed start to show.
      starts.forgetFailure(uid);
    }
    if (decision.action() == Action.STOP && agentVm.state().equals("Running")) {
      boolean force = vm.annotation(Annotations.STOP_FORCE).equals(Optional.of("true"));
      agent.stop(uid, !force, vm.terminationGracePeriodSeconds());
      ctx.events()
          .record(vm, false, "Stopping", force ? "VM stopped (forced)" : "VM shutting down");
    }
    // A stopped VM needs nothing more to take a new spec: every start defines the current one.
    if (!Objects.equals(decision.power(), power) || decision.stopHandled()) {
      AnnotationChanges changes = AnnotationChanges.set(Annotations.POWER, decision.power());
      if (decision.stopHandled()) {
        changes.and(Annotations.STOP_HANDLED, agentVm.since());
      }
      ctx.annotate(vm, changes);
      if (decision.stopHandled()) {
        ctx.events().record(vm, true, "Stopped", "VM stopped: " + agentVm.reason());
      }
      return Duration.ZERO;
    }
    boolean wantRunning =
        decision.action() == Action.START || (active && decision.action() == Action.NONE);
    writeStatus(vm, inputs, node, agentVm, wantRunning, null, null);
    return active && agentVm.state().equals("Running")
        ? Duration.ofSeconds(15)
        : Duration.ofSeconds(1);
  }

  /**
   * The pending restart's id: a vmop's request, or the controller's own under Automatic approval.
   */
  private String restartRequest(VmObject vm, boolean active, List<RestartAwaitingChange> awaiting) {
    Optional<String> requested = vm.annotation(Annotations.RESTART);
    if (requested.isPresent() && !requested.equals(vm.annotation(Annotations.RESTART_DONE))) {
      return requested.get();
    }
    if (vm.restartsAutomatically() && active && !awaiting.isEmpty()) {
      String id = "auto-" + vm.generation();
      ctx.annotate(vm, AnnotationChanges.set(Annotations.RESTART, id));
      ctx.events()
          .record(
              vm,
              false,
              "RestartApproved",
              "restartApprovalMode Automatic: restarting to apply "
                  + awaiting.size()
                  + " change(s)");
      return id;
    }
    return null;
  }

  private Duration restart(
      VmObject vm,
      VmInputs.Resolution inputs,
      String node,
      AgentClient agent,
      AgentVm agentVm,
      String request) {
    if (agentVm != null && agentVm.active()) {
      if (agentVm.state().equals("Running")) {
        agent.stop(vm.uid(), !request.endsWith(":force"), vm.terminationGracePeriodSeconds());
      }
      writeStatus(vm, inputs, node, agentVm, true, null, null);
      return Duration.ofMillis(500);
    }
    if (!inputs.ready()) {
      writeStatus(vm, inputs, node, agentVm, true, null, null);
      return Duration.ofSeconds(2);
    }
    Duration wait = starts.remaining(vm.uid());
    if (!wait.isZero()) {
      return wait;
    }
    Optional<AgentVm> started = starts.start(vm, inputs, node, agent);
    if (started.isEmpty()) {
      writeStatus(fresh(vm), inputs, node, agentVm, true, null, null);
      return starts.remaining(vm.uid());
    }
    ctx.annotate(fresh(vm), AnnotationChanges.set(Annotations.RESTART_DONE, request));
    ctx.events()
        .record(
            vm,
            false,
            "Restarted",
            "VM restarted on " + node + " (QEMU pid " + started.get().pid() + ")");
    writeStatus(fresh(vm), inputs, node, started.get(), true, null, null);
    return Duration.ofSeconds(1);
  }

  private List<RestartAwaitingChange> awaiting(VmObject vm, VmInputs.Resolution inputs) {
    return SpecChanges.restartAwaitingChanges(
        vm.annotation(Annotations.LAST_STARTED_SPEC).orElse(null), vm, inputs.classObject());
  }

  /** Adds the finalizer and the initial power intent; true when the VM was updated. */
  private boolean ensureMemory(VmObject vm) {
    if (vm.hasFinalizer(Annotations.FINALIZER) && vm.annotation(Annotations.POWER).isPresent()) {
      return false;
    }
    ctx.claim(
        Kind.VIRTUAL_MACHINE,
        vm,
        Annotations.FINALIZER,
        new AnnotationChanges()
            .andIf(
                vm.annotation(Annotations.POWER).isEmpty(),
                Annotations.POWER,
                PowerPolicy.initialPower(vm.runPolicy().name())));
    return true;
  }

  private Duration writeStatus(
      VmObject vm,
      VmInputs.Resolution inputs,
      String node,
      AgentVm agentVm,
      boolean wantRunning,
      Scheduler.Placement unplaced,
      String agentProblem) {
    return writeStatus(vm, inputs, node, agentVm, wantRunning, unplaced, agentProblem, null);
  }

  private Duration writeStatus(
      VmObject vm,
      VmInputs.Resolution inputs,
      String node,
      AgentVm agentVm,
      boolean wantRunning,
      Scheduler.Placement unplaced,
      String agentProblem,
      ActiveMigration migrating) {
    String namespace = vm.namespace();
    CachedObjects cached = ctx.cached();
    Optional<String> notMigratable =
        Migratability.blocker(vm, disk -> cached.disk(namespace, disk));
    new VmStatusWriter(ctx)
        .write(
            vm,
            inputs,
            node,
            agentVm,
            wantRunning,
            unplaced,
            agentProblem,
            starts.failure(vm.uid()),
            agentVm != null && agentVm.active() ? awaiting(vm, inputs) : List.of(),
            migrating,
            notMigratable,
            BlockDeviceStatuses.of(
                vm,
                ctx.attachments(vm),
                agentVm,
                ref ->
                    ref.isVirtualDisk()
                        ? cached.disk(namespace, ref.name()).map(BlockDeviceStatuses.Known::of)
                        : cached.image(ref, namespace).map(BlockDeviceStatuses.Known::of)));
    return Duration.ofSeconds(agentProblem != null || unplaced != null ? 2 : 5);
  }

  private VmObject fresh(VmObject vm) {
    return ctx.freshVm(vm.namespace(), vm.name()).orElse(vm);
  }
}
