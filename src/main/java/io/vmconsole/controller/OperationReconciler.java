package io.vmconsole.controller;

import io.vmconsole.api.vmop.VmopObject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the VirtualMachineOperations of one VM (issue 4 §6): one active at a time, the rest Pending
 * unless {@link OperationRules} lets a newer one supersede. An operation only states an intent on the
 * VM (power, restart request); the VM reconciler acts, and the operation completes when the VM shows it.
 */
final class OperationReconciler {
  private final ControllerContext ctx;
  private final MigrationReconciler migrations;
  private final ResourceAccess ops;
  private final CreationOrder creationOrder = new CreationOrder();

  OperationReconciler(ControllerContext ctx) {
    this.ctx = ctx;
    this.ops = ctx.access(Kind.VIRTUAL_MACHINE_OPERATION);
    this.migrations = new MigrationReconciler(ctx);
  }

  /** @return whether to look again soon (an operation is in progress) */
  boolean reconcile(String namespace, String vmName) {
    List<ObjectNode> mine = new ArrayList<>(ctx.cache(Kind.VIRTUAL_MACHINE_OPERATION).listJson().stream()
        .filter(o -> o.path("metadata").path("namespace").asText().equals(namespace))
        .filter(o -> o.path("spec").path("virtualMachineName").asText().equals(vmName))
        .toList());
    creationOrder.sort(mine);
    Optional<ObjectNode> vm = ctx.vms().get(namespace, vmName);
    boolean deleting = false;
    List<OperationRules.Op> rules = new ArrayList<>();
    for (ObjectNode op : mine) {
      String type = op.path("spec").path("type").asText();
      String phase = op.path("status").path("phase").asText("");
      if (op.path("metadata").hasNonNull("deletionTimestamp")) {
        // Only a started migration holds its vmop (finalizer): deleting it cancels the migration.
        if (VmopObject.of(op).isLiveMigration()) {
          migrations.deleted(op, vm);
          deleting = true;
        }
        continue;
      }
      rules.add(new OperationRules.Op(name(op), type, op.path("spec").path("force").asBoolean(false), phase,
          phase.equals("InProgress")));
    }
    OperationRules.Plan plan = OperationRules.plan(rules);
    for (ObjectNode op : mine) {
      String type = op.path("spec").path("type").asText();
      String phase = op.path("status").path("phase").asText("");
      if (phase.equals("Completed") || phase.equals("Failed") || op.path("metadata").hasNonNull("deletionTimestamp")) {
        continue;
      }
      if (plan.superseded().contains(name(op))
          || (VmopObject.of(op).isLiveMigration() && !phase.equals("InProgress") && supersededMigration(op, mine))) {
        setPhase(op, "Completed", "Superseded", "superseded by a newer operation");
      } else if (type.equals("Restore") || type.equals("Clone")) {
        setPhase(op, "Failed", "NotSupported", type + " is not supported yet");
      } else if (!name(op).equals(plan.run())) {
        setPhase(op, "Pending", "WaitingForActiveOperation", "another operation of this VM is in progress");
      } else if (vm.isEmpty()) {
        setPhase(op, "Pending", "VirtualMachineNotFound", "VirtualMachine " + vmName + " not found");
      } else if (VmopObject.of(op).isLiveMigration()) {
        migrations.run(op, vm.get());
      } else {
        run(op, vm.get());
      }
    }
    return plan.run() != null || deleting;
  }

  private void run(ObjectNode op, ObjectNode vm) {
    String type = op.path("spec").path("type").asText();
    boolean force = op.path("spec").path("force").asBoolean(false);
    String policy = vm.path("spec").path("runPolicy").asText("AlwaysOnUnlessStoppedManually");
    String vmPhase = vm.path("status").path("phase").asText("");
    boolean started = op.path("status").path("phase").asText("").equals("InProgress");
    switch (type) {
      case "Start" -> {
        if (policy.equals("AlwaysOff")) {
          setPhase(op, "Failed", "NotApplicable", "runPolicy AlwaysOff: the VM cannot be started");
        } else if (policy.equals("AlwaysOn") && !started) {
          setPhase(op, "Completed", "NoOp", "runPolicy AlwaysOn: the VM runs already");
        } else if (vmPhase.equals("Running") && started) {
          setPhase(op, "Completed", "Completed", "the VM is Running");
        } else if (vmPhase.equals("Running")) {
          setPhase(op, "Completed", "NoOp", "the VM is Running already");
        } else {
          ctx.annotate(vm, a -> a.put(Annotations.POWER, "on"));
          setPhase(op, "InProgress", "InProgress", "starting the VM");
        }
      }
      case "Stop" -> {
        if (policy.equals("AlwaysOn")) {
          setPhase(op, "Failed", "NotApplicable", "runPolicy AlwaysOn: the VM cannot be stopped");
        } else if (policy.equals("AlwaysOff")) {
          setPhase(op, "Completed", "NoOp", "runPolicy AlwaysOff: the VM is stopped already");
        } else if (started && (vmPhase.equals("Stopped") || vmPhase.equals("Pending"))) {
          setPhase(op, "Completed", "Completed", "the VM is " + vmPhase);
        } else {
          ctx.annotate(vm, a -> {
            a.put(Annotations.POWER, "off");
            if (force) {
              a.put(Annotations.STOP_FORCE, "true");
            }
          });
          setPhase(op, "InProgress", "InProgress", force ? "stopping the VM (forced)" : "stopping the VM");
        }
      }
      case "Restart" -> {
        String request = uid(op) + (force ? ":force" : "");
        if (policy.equals("AlwaysOff")) {
          setPhase(op, "Failed", "NotApplicable", "runPolicy AlwaysOff: the VM cannot be restarted");
        } else if (started && request.equals(Annotations.get(vm, Annotations.RESTART_DONE))
            && vmPhase.equals("Running")) {
          setPhase(op, "Completed", "Completed", "the VM was restarted");
        } else if (!started) {
          ctx.annotate(vm, a -> a.put(Annotations.RESTART, request));
          setPhase(op, "InProgress", "InProgress", "restarting the VM");
        }
      }
      default -> setPhase(op, "Failed", "NotSupported", type + " is not supported");
    }
  }

  /** A Restart newer than a not-yet-started Evict or Migrate supersedes it. */
  private static boolean supersededMigration(ObjectNode evict, List<ObjectNode> ops) {
    boolean after = false;
    for (ObjectNode op : ops) {
      if (op == evict) {
        after = true;
      } else if (after && op.path("spec").path("type").asText().equals("Restart")) {
        return true;
      }
    }
    return false;
  }

  private void setPhase(ObjectNode op, String phase, String reason, String message) {
    JsonNode status = op.path("status");
    if (phase.equals(status.path("phase").asText()) && message.equals(firstMessage(status))) {
      return;
    }
    ObjectNode copy = op.deepCopy();
    ObjectNode s = copy.putObject("status");
    s.put("phase", phase).put("observedGeneration", op.path("metadata").path("generation").asLong(1));
    boolean done = phase.equals("Completed") || phase.equals("Failed");
    s.putArray("conditions").addObject().put("type", "Completed").put("status", phase.equals("Completed") ? "True"
        : "False").put("reason", reason).put("message", message)
        .put("lastTransitionTime", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    ops.updateStatus(copy);
    op.set("status", s);
    if (done || phase.equals("InProgress")) {
      ctx.events().record(op, phase.equals("Failed"), "Operation" + phase, op.path("spec").path("type").asText()
          + ": " + message);
    }
  }

  private static String firstMessage(JsonNode status) {
    return status.path("conditions").path(0).path("message").asText("");
  }

  private static String uid(JsonNode o) {
    return o.path("metadata").path("uid").asText();
  }

  private static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }
}
