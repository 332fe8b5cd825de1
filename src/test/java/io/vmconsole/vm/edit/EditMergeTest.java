package io.vmconsole.vm.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The edit form's pure pieces: the three-way merge, reverting pending changes, YAML with line
 * numbers.
 */
class EditMergeTest {
  private static final String BASE =
      """
      apiVersion: virtualization.deckhouse.io/v1alpha2
      kind: VirtualMachine
      metadata:
        name: vm
        labels: {app.kubernetes.io/name: web}
        annotations: {vmconsole.io/power: "on"}
      spec:
        cpu: {cores: 1, coreFraction: 100%}
        memory: {size: 256Mi}
        blockDeviceRefs:
          - {kind: VirtualDisk, name: root}
      status:
        phase: Running
      """;

  private static ObjectNode vm(String yaml) {
    return YamlDocument.parse(yaml);
  }

  private static ObjectNode with(ObjectNode vm, String path, Object value) {
    ObjectNode copy = vm.deepCopy();
    String[] p = path.split("\\|");
    ObjectNode at = copy;
    for (int i = 0; i < p.length - 1; i++) {
      at = at.with(p[i]);
    }
    if (value instanceof Integer n) {
      at.put(p[p.length - 1], n);
    } else {
      at.put(p[p.length - 1], (String) value);
    }
    return copy;
  }

  @Test
  void otherFieldsChangedMeanwhileAreKeptAndStatusNeverCounts() {
    ObjectNode base = vm(BASE);
    ObjectNode mine = with(base, "spec|cpu|cores", 2);
    ObjectNode theirs =
        with(
            with(with(base, "spec|memory|size", "512Mi"), "status|phase", "Stopped"),
            "metadata|annotations|vmconsole.io/power",
            "off");
    assertThat(FieldMerge.conflicts(base, theirs, mine)).isEmpty();
    ObjectNode merged = FieldMerge.apply(theirs, FieldMerge.changes(base, mine));
    assertThat(merged.at("/spec/cpu/cores").asInt()).isEqualTo(2);
    assertThat(merged.at("/spec/memory/size").asText()).isEqualTo("512Mi");
    assertThat(merged.at("/metadata/annotations").path("vmconsole.io/power").asText())
        .isEqualTo("off");
  }

  @Test
  void aFieldBothChangedDifferentlyIsAConflictWithBothValues() {
    ObjectNode base = vm(BASE);
    var conflicts =
        FieldMerge.conflicts(
            base, with(base, "spec|cpu|cores", 4), with(base, "spec|cpu|cores", 2));
    assertThat(conflicts).hasSize(1);
    assertThat(conflicts.get(0).path().toString()).isEqualTo("cpu.cores");
    assertThat(conflicts.get(0).theirs().asInt()).isEqualTo(4);
    assertThat(conflicts.get(0).yours().asInt()).isEqualTo(2);
    assertThat(
            FieldMerge.conflicts(
                base, with(base, "spec|cpu|cores", 2), with(base, "spec|cpu|cores", 2)))
        .isEmpty();
  }

  @Test
  void labelKeysWithDotsStayOneField() {
    ObjectNode base = vm(BASE);
    ObjectNode mine = with(base, "metadata|labels|app.kubernetes.io/name", "api");
    var changes = FieldMerge.changes(base, mine);
    assertThat(changes.keySet())
        .extracting(FieldPath::toString)
        .containsExactly("metadata.labels.app.kubernetes.io/name");
  }

  @Test
  void revertWritesTheRunningValuesBack() {
    ObjectNode vm =
        vm(
            BASE.replace("cores: 1", "cores: 2")
                + """
          restartAwaitingChanges:
            - {operation: replace, path: cpu.cores, currentValue: 1, desiredValue: 2}
            - {operation: add, path: blockDeviceRefs.1, desiredValue: {kind: VirtualImage, name: iso}}
        """);
    vm.with("spec")
        .withArray("blockDeviceRefs")
        .addObject()
        .put("kind", "VirtualImage")
        .put("name", "iso");
    ObjectNode reverted = PendingRevert.revert(vm, vm.at("/status/restartAwaitingChanges"));
    assertThat(reverted.at("/spec/cpu/cores").asInt()).isEqualTo(1);
    assertThat(reverted.at("/spec/blockDeviceRefs").size()).isEqualTo(1);
  }

  @Test
  void yamlErrorsCarryTheirLine() {
    assertThatThrownBy(() -> YamlDocument.parse("a: 1\nb: [\nc: 2\n"))
        .isInstanceOfSatisfying(
            YamlDocument.SyntaxError.class, e -> assertThat(e.line()).isGreaterThan(1));
    assertThatThrownBy(
            () -> YamlDocument.parse("spec:\n  cpu:\n    cores: 1\n   oops: x\n  memory: {}\n"))
        .isInstanceOfSatisfying(
            YamlDocument.SyntaxError.class, e -> assertThat(e.line()).isEqualTo(4));
    String text =
        """
        metadata:
          name: vm
        spec:
          blockDeviceRefs:
            - kind: VirtualDisk
              name: a
            - kind: VirtualDisk
              name: a
        """;
    assertThat(YamlDocument.lineOf(text, "spec.blockDeviceRefs[1].name")).contains(8);
    assertThat(YamlDocument.lineOf(text, "metadata.name")).contains(2);
  }
}
