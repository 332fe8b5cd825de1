package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.common.StoredObject.ConditionView;
import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.cluster.ResourceAccess;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

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
      VmopObject op, String phase, String reason, String message, Consumer<ObjectNode> more) {
    if (status(op, phase, reason, message, more).equals(op.json().path("status"))) {
      return op;
    }
    return ResourceAccess.retryOnConflict(() -> writeOnce(op, phase, reason, message, more));
  }

  public VmopObject write(VmopObject op, String phase, String reason, String message) {
    return write(op, phase, reason, message, status -> {});
  }

  private VmopObject writeOnce(
      VmopObject op, String phase, String reason, String message, Consumer<ObjectNode> more) {
    Optional<VmopObject> found = ops.get(op.namespace(), op.name()).map(VmopObject::of);
    if (found.isEmpty()) {
      return op;
    }
    VmopObject current = found.get();
    ObjectNode status = status(current, phase, reason, message, more);
    if (status.equals(current.json().path("status"))) {
      return current;
    }
    ObjectNode copy = current.json().deepCopy();
    copy.set("status", status);
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

  private static ObjectNode status(
      VmopObject op, String phase, String reason, String message, Consumer<ObjectNode> more) {
    ObjectNode status = OwnedObject.statusCopy(op);
    status.put("phase", phase).put("observedGeneration", op.generation());
    Optional<ConditionView> old = op.conditions().stream().findFirst();
    boolean same =
        old.isPresent()
            && old.get().reason().equals(reason)
            && old.get().message().equals(message)
            && phase.equals(op.phaseText());
    status
        .putArray("conditions")
        .addObject()
        .put("type", "Completed")
        .put("status", phase.equals("Completed") ? "True" : "False")
        .put("reason", reason)
        .put("message", message)
        .put(
            "lastTransitionTime",
            same
                ? old.get().lastTransitionTime()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    more.accept(status);
    return status;
  }
}
