package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.vmconsole.api.common.StoredObject.ConditionView;
import io.vmconsole.api.vmop.VirtualMachineOperationStatus;
import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.cluster.ResourceAccess;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one writer of a VirtualMachineOperation's status, for every kind of operation: its phase, the
 * Completed condition (its transition time kept while phase, reason and message stay), what the
 * operation adds (a migration's progress and counters), and an Event when the phase moves on.
 */
public final class OperationStatusWriter {
  private final ResourceAccess ops;
  private final EventRecorder events;

  public OperationStatusWriter(ResourceAccess ops, EventRecorder events) {
    this.ops = ops;
    this.events = events;
  }

  /**
   * Writes the status when it changed, from a fresh read retried on conflict.
   *
   * @param more adds the operation's own fields to the status being written
   * @return the operation as it is now
   */
  public VmopObject write(
      VmopObject op,
      String phase,
      String reason,
      String message,
      UnaryOperator<VirtualMachineOperationStatus> more) {
    if (unchanged(op, status(op, phase, reason, message, more))) {
      return op;
    }
    return ResourceAccess.retryOnConflict(() -> writeOnce(op, phase, reason, message, more));
  }

  public VmopObject write(VmopObject op, String phase, String reason, String message) {
    return write(op, phase, reason, message, status -> status);
  }

  private VmopObject writeOnce(
      VmopObject op,
      String phase,
      String reason,
      String message,
      UnaryOperator<VirtualMachineOperationStatus> more) {
    Optional<VmopObject> found = ops.get(op.namespace(), op.name()).map(VmopObject::of);
    if (found.isEmpty()) {
      return op;
    }
    VmopObject current = found.get();
    VirtualMachineOperationStatus status = status(current, phase, reason, message, more);
    if (unchanged(current, status)) {
      return current;
    }
    ObjectNode copy = current.json().deepCopy();
    copy.set("status", StatusJson.tree(status));
    VmopObject written = VmopObject.of(ops.updateStatus(copy));
    if (!phase.equals(current.phaseText()) && !phase.equals("Pending")) {
      events.record(
          current,
          phase.equals("Failed"),
          "Operation" + phase,
          current.type().map(Enum::name).orElse("") + ": " + message);
    }
    return written;
  }

  private static boolean unchanged(VmopObject op, VirtualMachineOperationStatus status) {
    return StatusJson.same(StatusJson.tree(status), op.json().path("status"));
  }

  private static VirtualMachineOperationStatus status(
      VmopObject op,
      String phase,
      String reason,
      String message,
      UnaryOperator<VirtualMachineOperationStatus> more) {
    VirtualMachineOperationStatus old = op.status();
    Optional<ConditionView> previous = op.conditions().stream().findFirst();
    boolean same =
        previous.isPresent()
            && previous.get().reason().equals(reason)
            && previous.get().message().equals(message)
            && phase.equals(op.phaseText());
    Condition completed =
        new ConditionBuilder()
            .withType("Completed")
            .withStatus(phase.equals("Completed") ? "True" : "False")
            .withReason(reason)
            .withMessage(message)
            .withLastTransitionTime(
                same
                    ? previous.get().lastTransitionTime()
                    : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
            .build();
    return more.apply(
        new VirtualMachineOperationStatus(
            phase,
            old.progress(),
            List.of(completed),
            old.resources(),
            old.migration(),
            op.generation()));
  }
}
