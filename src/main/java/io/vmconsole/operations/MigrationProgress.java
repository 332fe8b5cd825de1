package io.vmconsole.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.vmop.VmopPhase;
import io.vmconsole.base.HumanUnits;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One Evict/Migrate operation as the VM page follows it: the vmop's phase, {@code status.progress},
 * its Completed condition and the console's {@code status.migration} figures (controller/DESIGN.md,
 * "Live migration and maintenance"). Figures the controller has not reported yet are -1.
 *
 * @param percent status.progress as a number, -1 before the controller reports one
 * @param reason the Completed condition's reason (Syncing, NotConverging, Completed, Failed…)
 * @param cancelling the vmop is being deleted (the controller is cancelling the migration)
 * @param finishedAt when it finished (the Completed condition's last transition), null while it
 *     runs
 */
public record MigrationProgress(
    String namespace,
    String operation,
    String type,
    String vmName,
    String phase,
    boolean cancelling,
    Instant finishedAt,
    int percent,
    String reason,
    String message,
    String sourceNode,
    String targetNode,
    long bytesTransferred,
    long bytesRemaining,
    long bytesTotal,
    long throughputBytesPerSecond,
    long dirtyRateBytesPerSecond,
    int iterations,
    long downtimeMs,
    long totalMs) {

  /** Reads a stored vmop; missing fields become empty text or -1. */
  public static MigrationProgress of(JsonNode vmop) {
    JsonNode status = vmop.path("status");
    JsonNode m = status.path("migration");
    String reason = "";
    String message = "";
    String changed = "";
    for (JsonNode c : status.path("conditions")) {
      if ("Completed".equals(c.path("type").asText())) {
        reason = c.path("reason").asText("");
        message = c.path("message").asText("");
        changed = c.path("lastTransitionTime").asText("");
      }
    }
    String phase = status.path("phase").asText("Pending");
    return new MigrationProgress(
        vmop.path("metadata").path("namespace").asText(),
        vmop.path("metadata").path("name").asText(),
        vmop.path("spec").path("type").asText(),
        vmop.path("spec").path("virtualMachineName").asText(),
        phase,
        !vmop.path("metadata").path("deletionTimestamp").asText("").isEmpty(),
        isFinal(phase) ? instant(changed) : null,
        percent(status.path("progress").asText("")),
        reason,
        message,
        m.path("sourceNode").asText(""),
        m.path("targetNode").asText(""),
        number(m, "bytesTransferred"),
        number(m, "bytesRemaining"),
        number(m, "bytesTotal"),
        number(m, "throughputBytesPerSecond"),
        number(m, "dirtyRateBytesPerSecond"),
        (int) number(m, "iterations"),
        number(m, "downtimeMs"),
        number(m, "totalMs"));
  }

  /** "42%" → 42; anything else → -1. */
  static int percent(String progress) {
    String digits =
        progress.trim().endsWith("%")
            ? progress.trim().substring(0, progress.trim().length() - 1)
            : "";
    try {
      int value = Integer.parseInt(digits.trim());
      return value < 0 || value > 100 ? -1 : value;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Instant instant(String timestamp) {
    try {
      return timestamp.isEmpty() ? null : Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static long number(JsonNode migration, String field) {
    JsonNode v = migration.path(field);
    return v.isNumber() ? v.asLong() : -1;
  }

  public boolean active() {
    return !isFinal(phase);
  }

  public boolean succeeded() {
    return phase.equals("Completed") && !reason.equals("Superseded") && !reason.equals("Failed");
  }

  /** "node-1 → node-2" as far as known. */
  public String route() {
    if (sourceNode.isEmpty() && targetNode.isEmpty()) {
      return "";
    }
    return (sourceNode.isEmpty() ? "?" : sourceNode)
        + " → "
        + (targetNode.isEmpty() ? "?" : targetNode);
  }

  /** "12 MiB/s" while data moves, empty before. */
  public String rate() {
    return throughputBytesPerSecond < 0 ? "" : HumanUnits.rate(throughputBytesPerSecond);
  }

  /** "96 MiB of 256 MiB" once the controller knows the total. */
  public String transferred() {
    return bytesTransferred < 0 || bytesTotal <= 0
        ? ""
        : HumanUnits.bytes(bytesTransferred) + " of " + HumanUnits.bytes(bytesTotal);
  }

  /** What the migration is doing, in words a user needs no QEMU knowledge for. */
  public String hint() {
    if (cancelling) {
      return "Cancelling: the VM stays on " + (sourceNode.isEmpty() ? "its node" : sourceNode);
    }
    String words =
        switch (reason) {
          case "", "MigrationPending" -> "Waiting to start";
          case "TargetScheduling" -> "Preparing the target node";
          // The controller's message says which stage: sending memory, or switching over.
          case "Syncing" ->
              (message.isEmpty() ? "Copying memory" : capitalized(message))
                  + (iterations > 1 ? " (pass " + iterations + ")" : "");
          case "NotConverging" ->
              "Not converging: the guest changes memory faster than it can be copied"
                  + (dirtyRateBytesPerSecond < 0
                      ? ""
                      : " (" + HumanUnits.rate(dirtyRateBytesPerSecond) + " dirtied)");
          default -> reason;
        };
    return message.isEmpty() || reason.isEmpty() || reason.equals("Syncing")
        ? words
        : words + " — " + message;
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /**
   * The end in one line: "Migrated to node-2 in 1.4 s, downtime 23 ms", or why not; empty while
   * active.
   */
  public String outcome() {
    if (active()) {
      return "";
    }
    if (succeeded()) {
      StringBuilder s = new StringBuilder("Migrated");
      if (!targetNode.isEmpty()) {
        s.append(" to ").append(targetNode);
      }
      if (totalMs >= 0) {
        s.append(" in ").append(HumanUnits.millis(totalMs));
      }
      if (downtimeMs >= 0) {
        s.append(", downtime ").append(HumanUnits.millis(downtimeMs));
      }
      return s.toString();
    }
    String why = message.isEmpty() ? reason : message;
    return (reason.equals("Superseded") ? "Migration superseded" : "Migration failed")
        + (why.isEmpty() || why.equals("Superseded") ? "" : ": " + why);
  }

  private static boolean isFinal(String phase) {
    return VmopPhase.of(phase).map(VmopPhase::isFinal).orElse(false);
  }
}
