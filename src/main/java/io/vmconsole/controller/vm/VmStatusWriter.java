package io.vmconsole.controller.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.api.core.PlaceholderPods;
import io.vmconsole.api.vm.RestartAwaitingChange;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.controller.runtime.ConditionsBuilder;
import io.vmconsole.controller.runtime.EventRecorder;
import io.vmconsole.controller.runtime.OwnedObject;
import io.vmconsole.controller.scheduling.Scheduler;
import java.time.Instant;
import java.util.List;

/** Builds a VM's status from the reconcile's findings and writes it when it changed. */
public final class VmStatusWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ResourceAccess vms;

  public VmStatusWriter(ResourceAccess vms) {
    this.vms = vms;
  }

  void write(
      VmObject vm,
      VmInputs.Resolution inputs,
      String node,
      AgentVm agentVm,
      boolean wantRunning,
      Scheduler.Placement unplaced,
      String agentProblem,
      List<RestartAwaitingChange> awaiting,
      EventRecorder events,
      ActiveMigration migrating,
      java.util.Optional<String> notMigratable,
      JsonNode blockDevices) {
    JsonNode old = vm.json().path("status");
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
    c.set(
        "Running",
        running,
        running ? "Running" : "NotRunning",
        agentVm == null
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
    ObjectNode status = OwnedObject.statusCopy(vm);
    status.put("phase", phase);
    if (node != null) {
      status.put("nodeName", node);
    } else {
      status.remove("nodeName");
    }
    putOrRemove(status, "virtualMachineIPAddressName", inputs.network().vmipName());
    putOrRemove(status, "ipAddress", inputs.network().address());
    status.set("blockDeviceRefs", blockDevices);
    status.set("conditions", c.toArray());
    if (migrating != null) {
      status.set("migrationState", migrationState(vm, migrating));
    }
    status.set("restartAwaitingChanges", JSON.valueToTree(awaiting));
    status.put("observedGeneration", vm.generation());
    status.set(
        "stats",
        VmPhases.stats(old.get("stats"), oldPhase.isEmpty() ? null : oldPhase, phase, now));
    if (agentVm != null && agentVm.active()) {
      status
          .putObject("resources")
          .putObject("cpu")
          .put("cores", vm.cores())
          .put("coreFraction", agentVm.coreFraction() + "%");
    }
    if (withoutTimes(status).equals(withoutTimes(old))) {
      return;
    }
    ObjectNode copy = vm.json().deepCopy();
    copy.set("status", status);
    vms.updateStatus(copy);
    if (!phase.equals(oldPhase)) {
      events.record(
          vm,
          false,
          "Phase" + phase,
          "VM phase " + (oldPhase.isEmpty() ? "<none>" : oldPhase) + " → " + phase);
    }
  }

  /** status.migrationState of a migration in progress (the result comes when it ends). */
  public static ObjectNode migrationState(VmObject vm, ActiveMigration m) {
    String name = vm.name();
    String uid = vm.uid();
    ObjectNode state = JSON.createObjectNode().put("startTimestamp", m.start());
    state
        .putObject("source")
        .put("node", m.source())
        .put("pod", PlaceholderPods.podName(name, uid, m.source()));
    state
        .putObject("target")
        .put("node", m.target())
        .put("pod", PlaceholderPods.podName(name, uid, m.target()));
    return state;
  }

  private static void putOrRemove(ObjectNode status, String field, String value) {
    if (value == null) {
      status.remove(field);
    } else {
      status.put(field, value);
    }
  }

  private static JsonNode withoutTimes(JsonNode status) {
    if (!status.isObject()) {
      return status;
    }
    ObjectNode copy = ((ObjectNode) status).deepCopy();
    copy.withArray("conditions").forEach(c -> ((ObjectNode) c).remove("lastTransitionTime"));
    return copy;
  }
}
