package io.vmconsole.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the VM page offers Migrate, and the reason it gives when it does not. */
class MigrationBlockerTest {

  private static VmDetails vm(String phase, VmDetails.Condition... conditions) {
    VmSummary summary = new VmSummary("uid", "ns", "vm", phase, "node-1", "10.0.0.2", null, Map.of(), "1", "100%",
        "256Mi", "", "", "", List.of());
    return new VmDetails(summary, List.of(conditions), "", List.of(), Map.of(), Map.of(), List.of(), List.of(),
        "Manual", "Manual", List.of(), "", true, null);
  }

  private static VmDetails.Condition migratable(String status, String reason, String message) {
    return new VmDetails.Condition("Migratable", status, reason, message, "");
  }

  @Test
  void aRunningMigratableVmCanMigrate() {
    assertThat(vm("Running", migratable("True", "Migratable", "")).migrationBlocker()).isEmpty();
  }

  @Test
  void aNotMigratableVmSaysWhyInTheControllersWords() {
    assertThat(vm("Running", migratable("False", "NotMigratable", "disk \"data\" is in the node-local pool of node-1"))
        .migrationBlocker()).contains("Cannot migrate: disk \"data\" is in the node-local pool of node-1");
  }

  @Test
  void aVmThatIsNotRunningCannotMigrateWhateverItsCondition() {
    assertThat(vm("Stopped", migratable("True", "Migratable", "")).migrationBlocker())
        .contains("Only a running VM can migrate; this one is Stopped.");
    assertThat(vm("Migrating", migratable("True", "Migratable", "")).migrationBlocker())
        .contains("Only a running VM can migrate; this one is Migrating.");
  }

  @Test
  void withoutTheConditionMigrateWaitsForTheController() {
    assertThat(vm("Running").migrationBlocker()).get().asString().contains("has not reported");
  }
}
