package io.vmconsole.api.vmop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vmconsole.api.vmop.VirtualMachineOperationSpec.OperationType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Which operations are live migrations, and when an operation is over. */
class VmopObjectTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static VmopObject op(String yaml) throws Exception {
    return VmopObject.of(YAML.readTree(yaml));
  }

  @Test
  void onlyEvictAndMigrateAreLiveMigrations() throws Exception {
    assertThat(Arrays.stream(OperationType.values()).filter(OperationType::isLiveMigration))
        .containsExactlyInAnyOrder(OperationType.Evict, OperationType.Migrate);
    assertThat(op("spec: {type: Evict}").isLiveMigration()).isTrue();
    assertThat(op("spec: {type: Restart}").isLiveMigration()).isFalse();
    assertThat(op("spec: {type: Teleport}").isLiveMigration()).isFalse();
  }

  @Test
  void anOperationIsOverInAFinalPhaseOrWhenBeingDeleted() throws Exception {
    assertThat(op("status: {phase: Completed}").isOver()).isTrue();
    assertThat(op("status: {phase: Failed}").isOver()).isTrue();
    assertThat(op("status: {phase: Superseded}").isOver()).isTrue();
    assertThat(
            op("metadata: {deletionTimestamp: '2026-12-05T09:00:00Z'}\nstatus: {phase: InProgress}")
                .isOver())
        .isTrue();
    assertThat(op("status: {phase: InProgress}").isOver()).isFalse();
    assertThat(op("status: {}").isOver()).isFalse();
  }

  @Test
  void anOperationConcernsTheVmItNames() throws Exception {
    VmopObject op =
        op(
            "metadata: {name: m-1, namespace: ns, labels: {drain: node-1}}\nspec: {virtualMachineName: web}");
    assertThat(op.concerns("ns", "web")).isTrue();
    assertThat(op.concerns("other", "web")).isFalse();
    assertThat(op.label("drain")).isEqualTo("node-1");
    assertThat(op.label("none")).isEmpty();
  }
}
