package io.vmconsole.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.vm.VmObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the VM page offers Migrate, and the reason it gives when it does not. */
class MigrationBlockerTest {

  /**
   * The VM page's details of a VM whose status holds these conditions, as the service makes them.
   */
  private static VmDetails vm(String phase, ObjectNode... conditions) {
    VmSummary summary =
        new VmSummary(
            "uid",
            "ns",
            "vm",
            phase,
            "node-1",
            "10.0.0.2",
            null,
            Map.of(),
            "1",
            "100%",
            "256Mi",
            "",
            "",
            "",
            List.of());
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.putObject("status").putArray("conditions").addAll(List.of(conditions));
    return new VmDetails(
        summary,
        List.of(),
        "",
        List.of(),
        Map.of(),
        Map.of(),
        List.of(),
        List.of(),
        "Manual",
        "Manual",
        List.of(),
        "",
        true,
        null,
        VmObject.of(json).migrationBlocker().orElse(null),
        null);
  }

  private static ObjectNode migratable(String status, String reason, String message) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("type", "Migratable")
        .put("status", status)
        .put("reason", reason)
        .put("message", message);
  }

  @Test
  void aRunningMigratableVmCanMigrate() {
    assertThat(vm("Running", migratable("True", "Migratable", "")).migrationBlocker()).isEmpty();
  }

  @Test
  void aNotMigratableVmSaysWhyInTheControllersWords() {
    assertThat(
            vm(
                    "Running",
                    migratable(
                        "False",
                        "NotMigratable",
                        "disk \"data\" is in the node-local pool of node-1"))
                .migrationBlocker())
        .contains("Cannot migrate: disk \"data\" is in the node-local pool of node-1");
  }

  @Test
  void aVmThatIsNotRunningCannotMigrateWhateverItsCondition() {
    assertThat(vm("Stopped", migratable("True", "Migratable", "")).migrationBlocker())
        .contains("Only a running VM can migrate; this one is Stopped.");
    assertThat(vm("Migrating", migratable("True", "Migratable", "")).migrationBlocker())
        .contains("Only a running VM can migrate; this one is Migrating.");
  }

  @Test
  void aConditionWithoutAMessageGivesItsReason() {
    assertThat(vm("Running", migratable("False", "LocalDisk", "")).migrationBlocker())
        .contains("Cannot migrate: LocalDisk");
  }

  @Test
  void withoutTheConditionMigrateWaitsForTheController() {
    assertThat(vm("Running").migrationBlocker()).get().asString().contains("has not reported");
  }
}
