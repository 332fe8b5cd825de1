package io.vmconsole.controller.operations;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a VM's operations runs, which waits and which is superseded (issue 4 §6), as a pure
 * function of the operations in creation order. One operation is active per VM; a newer one
 * supersedes the active one only when the reference says so.
 */
public final class OperationOrder {

  /** An operation as the rules see it. */
  public record Op(String name, String type, boolean force, String phase, boolean started) {
    boolean finished() {
      return "Completed".equals(phase) || "Failed".equals(phase);
    }
  }

  /** What should change: ops to end as Superseded, and the one to run now (null: none). */
  public record Plan(List<String> superseded, String run) {}

  private OperationOrder() {}

  /** Whether {@code newer} may end the active {@code active}. */
  public static boolean supersedes(Op newer, Op active) {
    return switch (active.type()) {
      case "Start" -> newer.type().equals("Stop");
      case "Stop" -> newer.type().equals("Stop") && newer.force() && !active.force();
      case "Evict", "Migrate" -> newer.type().equals("Restart") && !active.started();
      default -> false;
    };
  }

  /**
   * @param ops the VM's operations, oldest first
   */
  public static Plan plan(List<Op> ops) {
    List<String> superseded = new ArrayList<>();
    Op active = null;
    for (Op op : ops) {
      if (op.finished()) {
        continue;
      }
      if (active == null) {
        active = op;
      } else if (supersedes(op, active)) {
        superseded.add(active.name());
        active = op;
      }
    }
    return new Plan(superseded, active == null ? null : active.name());
  }
}
