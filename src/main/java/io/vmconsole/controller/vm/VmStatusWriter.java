package io.vmconsole.controller.vm;

import io.vmconsole.agent.AgentVm;
import io.vmconsole.api.core.PlaceholderPods;
import io.vmconsole.api.vm.RestartAwaitingChange;
import io.vmconsole.api.vm.VirtualMachineStatus;
import io.vmconsole.api.vm.VirtualMachineStatus.BlockDeviceStatus;
import io.vmconsole.api.vm.VirtualMachineStatus.CpuStatus;
import io.vmconsole.api.vm.VirtualMachineStatus.Endpoint;
import io.vmconsole.api.vm.VirtualMachineStatus.MigrationState;
import io.vmconsole.api.vm.VirtualMachineStatus.VmResources;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.controller.runtime.ConditionsBuilder;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.controller.scheduling.Scheduler;
import java.time.Instant;
import java.util.List;

/** Builds a VM's status from the reconcile's findings and writes it when it changed. */
public final class VmStatusWriter {
  private final ControllerContext ctx;

  public VmStatusWriter(ControllerContext ctx) {
    this.ctx = ctx;
  }

  void write(
      VmObject vm,
      VmInputs.Resolution inputs,
      String node,
      AgentVm agentVm,
      boolean wantRunning,
      Scheduler.Placement unplaced,
      String agentProblem,
      String startFailure,
      List<RestartAwaitingChange> awaiting,
      ActiveMigration migrating,
      java.util.Optional<String> notMigratable,
      List<BlockDeviceStatus> blockDevices) {
    VirtualMachineStatus old = vm.status();
    Instant now = Instant.now();
    String oldPhase = vm.phaseText();
    String phase =
        agentProblem != null && !oldPhase.isEmpty()
            ? oldPhase
            : VmPhases.phase(false, agentVm, wantRunning, inputs.ready() && unplaced == null);
    if (migrating != null) {
      phase = "Migrating";
    }
    boolean running = agentVm != null && agentVm.state().equals("Running");
    ConditionsBuilder c = ConditionsBuilder.of(vm, now);
    c.set(
        "VirtualMachineClassReady",
        inputs.vmClass().ok(),
        inputs.vmClass().reason(),
        inputs.vmClass().message());
    c.set(
        "BlockDevicesReady",
        inputs.blockDevices().ok(),
        inputs.blockDevices().reason(),
        inputs.blockDevices().message());
    c.set(
        "ProvisioningReady",
        inputs.provisioning().ok(),
        inputs.provisioning().reason(),
        inputs.provisioning().message());
    c.set(
        "VirtualMachineIPAddressReady",
        inputs.ipAddress().ok(),
        inputs.ipAddress().reason(),
        inputs.ipAddress().message());
    if (unplaced != null) {
      c.set("Scheduled", false, "Unschedulable", "no node fits: " + unplaced.reason());
    } else if (node != null) {
      c.set("Scheduled", true, "Scheduled", "placed on " + node);
    }
    if (node != null) {
      c.set(
          "NodeAgentReady",
          agentProblem == null,
          agentProblem == null ? "NodeAgentReachable" : "NodeAgentUnreachable",
          agentProblem == null
              ? ""
              : "the node agent of " + node + " does not answer: " + agentProblem);
    }
    String failure = running ? null : startFailure;
    c.set(
        "Running",
        running,
        running ? "Running" : failure != null ? "FailedStart" : "NotRunning",
        failure != null
            ? failure
            : agentVm == null
                ? ""
                : agentVm.state() + (agentVm.reason() == null ? "" : ": " + agentVm.reason()));
    boolean guest = running && agentVm.guestAgentUp();
    c.set(
        "AgentReady",
        guest,
        guest ? "AgentReady" : "AgentNotReady",
        guest ? "" : "the guest agent is not connected");
    if (migrating != null) {
      c.set(
          "Migrating",
          true,
          "Migrating",
          "migrating from " + migrating.source() + " to " + migrating.target());
    } else {
      // Set by the migration reconciler when a migration ends.
      c.keep("Migrating");
    }
    c.set(
        "Migratable",
        notMigratable.isEmpty(),
        notMigratable.isEmpty() ? "Migratable" : Migratability.NOT_MIGRATABLE,
        notMigratable.orElse(""));
    c.set(
        "AwaitingRestartToApplyConfiguration",
        !awaiting.isEmpty(),
        awaiting.isEmpty() ? "NoChangesPending" : "ChangesPendingRestart",
        awaiting.isEmpty() ? "" : awaiting.size() + " change(s) wait for a restart");
    c.set(
        "ConfigurationApplied",
        awaiting.isEmpty(),
        awaiting.isEmpty() ? "ConfigurationApplied" : "ChangesPendingRestart",
        "");
    VirtualMachineStatus.Builder status =
        old.toBuilder()
            .phase(phase)
            .nodeName(node)
            .virtualMachineIPAddressName(inputs.network().vmipName())
            .ipAddress(inputs.network().address())
            .blockDeviceRefs(blockDevices)
            .conditions(c.toList())
            .restartAwaitingChanges(awaiting)
            .observedGeneration(vm.generation())
            .stats(VmPhases.stats(old.stats(), oldPhase.isEmpty() ? null : oldPhase, phase, now));
    if (migrating != null) {
      status.migrationState(migrationState(vm, migrating));
    }
    if (agentVm != null && agentVm.active()) {
      status.resources(
          new VmResources(
              new CpuStatus(vm.cores(), agentVm.coreFraction() + "%", null, null, null), null));
    }
    if (!ctx.writeVmStatus(vm, status.build())) {
      return;
    }
    if (!phase.equals(oldPhase)) {
      ctx.events()
          .record(
              vm,
              false,
              "Phase" + phase,
              "VM phase " + (oldPhase.isEmpty() ? "<none>" : oldPhase) + " → " + phase);
    }
  }

  /** status.migrationState of a migration in progress (the result comes when it ends). */
  public static MigrationState migrationState(VmObject vm, ActiveMigration m) {
    String name = vm.name();
    String uid = vm.uid();
    return new MigrationState(
        m.start(),
        null,
        new Endpoint(m.source(), PlaceholderPods.podName(name, uid, m.source())),
        new Endpoint(m.target(), PlaceholderPods.podName(name, uid, m.target())),
        null);
  }
}
