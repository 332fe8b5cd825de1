package io.vmconsole.api.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/**
 * The rules read from a stored VM, each in one place: its CPU and memory ask, its phase, whether it
 * can migrate.
 */
class VmObjectTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static VmObject vm(String yaml) throws Exception {
    return VmObject.of(YAML.readTree(yaml));
  }

  @Test
  void theCpuAskIsCoresTimesTheCoreFraction() throws Exception {
    assertThat(vm("spec: {cpu: {cores: 2, coreFraction: 25%}}").cpuMillis()).isEqualTo(500);
    assertThat(vm("spec: {cpu: {cores: 4, coreFraction: '100%'}}").cpuMillis()).isEqualTo(4000);
  }

  @Test
  void anAbsentOrAutoCoreFractionAsksForWholeCoresAndAbsentCoresAreOne() throws Exception {
    // Both the scheduler and the Nodes page ask here; they once parsed "Auto" differently.
    assertThat(vm("spec: {cpu: {cores: 2, coreFraction: Auto}}").cpuMillis()).isEqualTo(2000);
    assertThat(vm("spec: {cpu: {cores: 3}}").cpuMillis()).isEqualTo(3000);
    assertThat(vm("spec: {}").cpuMillis()).isEqualTo(1000);
    assertThat(vm("spec: {cpu: {cores: 1, coreFraction: lots}}").coreFractionPercent())
        .isEqualTo(100);
  }

  @Test
  void memoryIsReadAsAKubernetesQuantity() throws Exception {
    assertThat(vm("spec: {memory: {size: 256Mi}}").memoryBytes()).isEqualTo(256L << 20);
    assertThat(vm("spec: {memory: {size: 1G}}").memoryBytes()).isEqualTo(1_000_000_000L);
    assertThat(vm("spec: {}").memoryBytes()).isZero();
  }

  @Test
  void aPhaseThisConsoleDoesNotKnowIsNoPhase() throws Exception {
    assertThat(vm("status: {phase: Running}").phase()).contains(VmPhase.Running);
    assertThat(vm("status: {phase: Hibernating}").phase()).isEmpty();
    assertThat(vm("status: {}").phase()).isEmpty();
    assertThat(vm("status: {nodeName: ''}").nodeName()).isEmpty();
    assertThat(vm("status: {nodeName: node-2}").nodeName()).contains("node-2");
  }

  @Test
  void theMigratableConditionSaysWhetherAndWhyNot() throws Exception {
    assertThat(
            vm("status: {conditions: [{type: Migratable, status: 'True', reason: Migratable}]}")
                .migrationBlocker())
        .isEmpty();
    assertThat(
            vm("""
        status: {conditions: [{type: Migratable, status: 'False', reason: NotMigratable, message: disk is local}]}
        """)
                .migrationBlocker())
        .contains("disk is local");
    assertThat(
            vm("status: {conditions: [{type: Migratable, status: 'False', reason: NotMigratable}]}")
                .migrationBlocker())
        .contains("NotMigratable");
  }

  @Test
  void withoutTheConditionTheVmCannotMigrateUntilTheControllerHasSaid() throws Exception {
    // Drain, eviction, the Nodes page and the VM page all get this one answer.
    assertThat(vm("status: {conditions: [{type: Running, status: 'True'}]}").migrationBlocker())
        .contains(VmObject.MIGRATABILITY_UNKNOWN);
  }

  @Test
  void identityAndLabelsComeFromMetadata() throws Exception {
    VmObject vm = vm("metadata: {name: web, namespace: prod, uid: u-1, labels: {tier: front}}");
    assertThat(vm.name()).isEqualTo("web");
    assertThat(vm.namespace()).isEqualTo("prod");
    assertThat(vm.uid()).isEqualTo("u-1");
    assertThat(vm.labels()).containsEntry("tier", "front");
    assertThat(VmObject.of((JsonNode) null).name()).isEmpty();
  }
}
