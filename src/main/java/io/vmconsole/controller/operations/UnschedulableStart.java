package io.vmconsole.controller.operations;

import io.vmconsole.api.common.StoredObject.ConditionView;
import io.vmconsole.api.vm.VmObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A Start whose VM no node fits does not stay InProgress for ever: once the VM has been
 * unschedulable for {@link #BOUND} during the operation, the operation fails with the scheduler's
 * reason. (The VM keeps its place in line only as long as someone wants it to start.) Pure.
 */
final class UnschedulableStart {
  /** How long a Start waits for a node (README "Operations"). */
  static final Duration BOUND = Duration.ofMinutes(2);

  private UnschedulableStart() {}

  /**
   * @param since when the operation began to start the VM (its creation)
   * @return the operation's failure message; empty while it may still wait
   */
  static Optional<String> failure(VmObject vm, Instant since, Instant now) {
    Optional<ConditionView> scheduled =
        vm.condition("Scheduled").filter(c -> !c.isTrue() && c.reason().equals("Unschedulable"));
    if (scheduled.isEmpty()) {
      return Optional.empty();
    }
    Instant from = later(since, scheduled.get().lastTransitionTime());
    if (Duration.between(from, now).compareTo(BOUND) < 0) {
      return Optional.empty();
    }
    return Optional.of(
        "the VM could not be scheduled within "
            + BOUND.toMinutes()
            + " min: "
            + scheduled.get().message());
  }

  private static Instant later(Instant since, String transition) {
    try {
      Instant t = Instant.parse(transition);
      return t.isAfter(since) ? t : since;
    } catch (DateTimeParseException e) {
      return since;
    }
  }
}
