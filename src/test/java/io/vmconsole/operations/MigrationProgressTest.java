package io.vmconsole.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The VM page's read of an Evict/Migrate operation (controller/DESIGN.md "Live migration and
 * maintenance").
 */
class MigrationProgressTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode vmop(String status) throws Exception {
    return JSON.readTree(
        """
        {"metadata": {"namespace": "ns", "name": "vm-evict-abcde"},
         "spec": {"type": "Evict", "virtualMachineName": "vm"},
         "status": %s}"""
            .formatted(status));
  }

  @Test
  void aRunningMigrationShowsPercentRouteRateAndWhatItIsDoing() throws Exception {
    MigrationProgress m =
        MigrationProgress.of(
            vmop(
                """
        {"phase": "InProgress", "progress": "42%",
         "conditions": [{"type": "Completed", "status": "False", "reason": "Syncing", "message": ""}],
         "migration": {"sourceNode": "node-1", "targetNode": "node-2", "bytesTransferred": 100663296,
           "bytesRemaining": 167772160, "bytesTotal": 268435456, "throughputBytesPerSecond": 12582912,
           "dirtyRateBytesPerSecond": 1048576, "iterations": 3}}"""));
    assertThat(m.active()).isTrue();
    assertThat(m.percent()).isEqualTo(42);
    assertThat(m.route()).isEqualTo("node-1 → node-2");
    assertThat(m.rate()).isEqualTo("12 MiB/s");
    assertThat(m.transferred()).isEqualTo("96 MiB of 256 MiB");
    assertThat(m.hint()).isEqualTo("Copying memory (pass 3)");
    assertThat(m.finishedAt()).isNull();
    assertThat(m.outcome()).isEmpty();
  }

  @Test
  void theControllersStageMessageIsShownWhileSyncing() throws Exception {
    MigrationProgress m =
        MigrationProgress.of(
            vmop(
                """
        {"phase": "InProgress", "progress": "90%",
         "conditions": [{"type": "Completed", "status": "False", "reason": "Syncing",
           "message": "switching over to node-2"}]}"""));
    assertThat(m.hint()).isEqualTo("Switching over to node-2");
  }

  @Test
  void aDeletedOperationIsBeingCancelled() throws Exception {
    MigrationProgress m =
        MigrationProgress.of(
            JSON.readTree(
                """
        {"metadata": {"namespace": "ns", "name": "vm-evict-abcde", "deletionTimestamp": "2026-11-26T01:00:00Z"},
         "spec": {"type": "Evict", "virtualMachineName": "vm"},
         "status": {"phase": "InProgress", "progress": "30%", "migration": {"sourceNode": "node-1"}}}"""));
    assertThat(m.cancelling()).isTrue();
    assertThat(m.active()).isTrue();
    assertThat(m.hint()).isEqualTo("Cancelling: the VM stays on node-1");
  }

  @Test
  void beforeTheControllerReportsAnythingThePercentIsUnknownAndItWaits() throws Exception {
    MigrationProgress m = MigrationProgress.of(vmop("{}"));
    assertThat(m.phase()).isEqualTo("Pending");
    assertThat(m.active()).isTrue();
    assertThat(m.percent()).isEqualTo(-1);
    assertThat(m.route()).isEmpty();
    assertThat(m.rate()).isEmpty();
    assertThat(m.transferred()).isEmpty();
    assertThat(m.hint()).isEqualTo("Waiting to start");
  }

  @Test
  void notConvergingIsSaidPlainlyWithTheDirtyRate() throws Exception {
    MigrationProgress m =
        MigrationProgress.of(
            vmop(
                """
        {"phase": "InProgress", "progress": "61%",
         "conditions": [{"type": "Completed", "status": "False", "reason": "NotConverging",
           "message": "dirty rate exceeds bandwidth"}],
         "migration": {"dirtyRateBytesPerSecond": 52428800}}"""));
    assertThat(m.hint())
        .isEqualTo(
            "Not converging: the guest changes memory faster than it can be copied"
                + " (50 MiB/s dirtied) — dirty rate exceeds bandwidth");
  }

  @Test
  void successSaysWhereItWentHowLongItTookAndTheDowntime() throws Exception {
    MigrationProgress m =
        MigrationProgress.of(
            vmop(
                """
        {"phase": "Completed", "progress": "100%",
         "conditions": [{"type": "Completed", "status": "True", "reason": "Completed", "message": "",
           "lastTransitionTime": "2026-11-26T01:02:03Z"}],
         "migration": {"sourceNode": "node-1", "targetNode": "node-2", "downtimeMs": 23, "totalMs": 1400}}"""));
    assertThat(m.active()).isFalse();
    assertThat(m.finishedAt()).isEqualTo(java.time.Instant.parse("2026-11-26T01:02:03Z"));
    assertThat(m.succeeded()).isTrue();
    assertThat(m.outcome()).isEqualTo("Migrated to node-2 in 1.4 s, downtime 23 ms");
  }

  @Test
  void failureSaysWhy() throws Exception {
    MigrationProgress m =
        MigrationProgress.of(
            vmop(
                """
        {"phase": "Failed", "progress": "37%",
         "conditions": [{"type": "Completed", "status": "False", "reason": "Failed",
           "message": "target node-2 refused the incoming migration"}],
         "migration": {"sourceNode": "node-1", "targetNode": "node-2"}}"""));
    assertThat(m.succeeded()).isFalse();
    assertThat(m.outcome())
        .isEqualTo("Migration failed: target node-2 refused the incoming migration");
  }

  @Test
  void aSupersededEvictIsNotASuccess() throws Exception {
    MigrationProgress m =
        MigrationProgress.of(
            vmop(
                """
        {"phase": "Completed",
         "conditions": [{"type": "Completed", "status": "False", "reason": "Superseded",
           "message": "superseded by vm-restart-xyz"}]}"""));
    assertThat(m.succeeded()).isFalse();
    assertThat(m.outcome()).isEqualTo("Migration superseded: superseded by vm-restart-xyz");
  }

  @Test
  void progressOtherThanAPercentageIsUnknown() {
    assertThat(MigrationProgress.percent("7%")).isEqualTo(7);
    assertThat(MigrationProgress.percent("100%")).isEqualTo(100);
    assertThat(MigrationProgress.percent("")).isEqualTo(-1);
    assertThat(MigrationProgress.percent("half")).isEqualTo(-1);
    assertThat(MigrationProgress.percent("140%")).isEqualTo(-1);
  }
}
