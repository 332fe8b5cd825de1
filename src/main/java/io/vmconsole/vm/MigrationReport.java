package io.vmconsole.vm;

import io.vmconsole.operations.MigrationProgress;
import java.util.Optional;

/**
 * What the VM page says about the VM's latest migration: the running operation's progress, or one
 * line on how the latest one ended. The newest Evict/Migrate operation tells it with its figures;
 * but an operation deleted to cancel its migration is gone once the controller has settled it, so
 * when the VM's own record (status.migrationState) is of a migration that started after the newest
 * operation finished, that record speaks. Pure.
 *
 * @param running the operation in progress, or null
 * @param outcome how the latest migration ended, empty while one runs
 */
public record MigrationReport(MigrationProgress running, String outcome, boolean succeeded) {

  public static Optional<MigrationReport> of(
      VmDetails.LastMigration vm, Optional<MigrationProgress> newest) {
    if (newest.isPresent() && newest.get().active()) {
      return Optional.of(new MigrationReport(newest.get(), "", false));
    }
    boolean vmIsNewer =
        vm != null
            && !vm.result().isEmpty()
            && (newest.isEmpty()
                || (vm.start() != null
                    && newest.get().finishedAt() != null
                    && vm.start().isAfter(newest.get().finishedAt())));
    if (vmIsNewer) {
      boolean ok = vm.result().equals("Succeeded");
      String outcome =
          ok
              ? "Migrated" + (vm.targetNode().isEmpty() ? "" : " to " + vm.targetNode())
              : "Migration failed" + (vm.message().isEmpty() ? "" : ": " + vm.message());
      return Optional.of(new MigrationReport(null, outcome, ok));
    }
    return newest.map(op -> new MigrationReport(null, op.outcome(), op.succeeded()));
  }

  public boolean active() {
    return running != null;
  }
}
