package io.vmconsole.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.operations.MigrationProgress;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which migration the VM page reports: the running one, the newest operation's end, or the VM's own
 * record.
 */
class MigrationReportTest {
  static final Instant T0 = Instant.parse("2026-11-26T01:00:00Z");

  private static MigrationProgress op(String phase, String reason, Instant finished) {
    return new MigrationProgress(
        "ns",
        "vm-evict-abcde",
        "Evict",
        "vm",
        phase,
        false,
        finished,
        100,
        reason,
        "",
        "node-1",
        "node-2",
        -1,
        -1,
        -1,
        -1,
        -1,
        -1,
        23,
        1400);
  }

  @Test
  void aRunningOperationIsShownWithItsProgress() {
    MigrationProgress running = op("InProgress", "Syncing", null);
    Optional<MigrationReport> r =
        MigrationReport.of(
            new VmDetails.LastMigration(T0.minusSeconds(600), "Succeeded", "node-2", "node-1", ""),
            Optional.of(running));
    assertThat(r).get().extracting(MigrationReport::running).isEqualTo(running);
  }

  @Test
  void theNewestFinishedOperationTellsTheEndWithItsFigures() {
    Optional<MigrationReport> r =
        MigrationReport.of(
            new VmDetails.LastMigration(
                T0.minusSeconds(2), "Succeeded", "node-1", "node-2", "migrated"),
            Optional.of(op("Completed", "Completed", T0)));
    assertThat(r)
        .get()
        .extracting(MigrationReport::outcome)
        .isEqualTo("Migrated to node-2 in 1.4 s, downtime 23 ms");
    assertThat(r.get().succeeded()).isTrue();
  }

  @Test
  void aMigrationCancelledByDeletingItsOperationIsToldFromTheVmsRecord() {
    Optional<MigrationReport> r =
        MigrationReport.of(
            new VmDetails.LastMigration(
                T0.plusSeconds(60),
                "Failed",
                "node-2",
                "node-1",
                "cancelled: the operation was deleted"),
            Optional.of(op("Completed", "Completed", T0)));
    assertThat(r)
        .get()
        .extracting(MigrationReport::outcome)
        .isEqualTo("Migration failed: cancelled: the operation was deleted");
    assertThat(r.get().succeeded()).isFalse();
  }

  @Test
  void withoutAnyOperationTheVmsRecordSpeaksAndWithoutEitherNothingIsShown() {
    assertThat(
            MigrationReport.of(
                new VmDetails.LastMigration(T0, "Succeeded", "node-1", "node-2", ""),
                Optional.empty()))
        .get()
        .extracting(MigrationReport::outcome)
        .isEqualTo("Migrated to node-2");
    assertThat(MigrationReport.of(null, Optional.empty())).isEmpty();
  }
}
