package io.vmconsole.nodeagent.migration;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.qemu.QmpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The QMP side of a migration: settings, start, the sampled state, cancel and resume. */
final class QemuMigration {
  /** QEMU has no "unlimited": 0 in the API becomes a rate no link here reaches. */
  static final long UNLIMITED = 1L << 40;

  private static final long TIMEOUT_S = 30;

  private final QmpClient qmp;

  QemuMigration(QmpClient qmp) {
    this.qmp = qmp;
  }

  /** One {@code query-migrate}: QEMU's status word and the figures. */
  record Sample(String status, String error, JsonNode raw) {
    boolean active() {
      return List.of(
              "setup", "active", "pre-switchover", "device", "wait-unplug", "postcopy-active")
          .contains(status);
    }
  }

  /** MIGRATION events on each status change: the end is noticed at once, not at the next poll. */
  void enableEvents() throws Exception {
    run(
        "migrate-set-capabilities",
        Map.of("capabilities", List.of(Map.of("capability", "events", "state", true))));
  }

  /** The status of a MIGRATION event, or null for other events. */
  static String migrationEventStatus(JsonNode event) {
    return "MIGRATION".equals(event.path("event").asText())
        ? event.path("data").path("status").asText()
        : null;
  }

  void setAutoConverge(boolean on) throws Exception {
    run(
        "migrate-set-capabilities",
        Map.of("capabilities", List.of(Map.of("capability", "auto-converge", "state", on))));
  }

  void setMaxBandwidth(long bytesPerSecond) throws Exception {
    run(
        "migrate-set-parameters",
        Map.of("max-bandwidth", bytesPerSecond <= 0 ? UNLIMITED : bytesPerSecond));
  }

  void setDowntimeLimit(long ms) throws Exception {
    run("migrate-set-parameters", Map.of("downtime-limit", ms));
  }

  void start(String uri) throws Exception {
    run("migrate", Map.of("uri", uri));
  }

  void startIncoming(String uri) throws Exception {
    run("migrate-incoming", Map.of("uri", uri));
  }

  Sample sample() throws Exception {
    JsonNode r = run("query-migrate", null);
    return new Sample(r.path("status").asText("none"), r.path("error-desc").asText(null), r);
  }

  void cancel() throws Exception {
    run("migrate_cancel", null);
  }

  boolean guestRunning() throws Exception {
    return run("query-status", null).path("running").asBoolean();
  }

  void resume() throws Exception {
    run("cont", null);
  }

  void pause() throws Exception {
    run("stop", null);
  }

  /** The major version of the QEMU process itself (not of the binary now installed). */
  int majorVersion() throws Exception {
    return run("query-version", null).path("qemu").path("major").asInt(0);
  }

  private JsonNode run(String cmd, Map<String, ?> args) throws Exception {
    try {
      return qmp.execute(cmd, args).get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw new MigrationFailure(cmd + ": " + (c == null ? e : c.getMessage()));
    }
  }

  /** A step failed; the message is the reason the API reports. */
  static final class MigrationFailure extends Exception {
    MigrationFailure(String message) {
      super(message);
    }
  }
}
