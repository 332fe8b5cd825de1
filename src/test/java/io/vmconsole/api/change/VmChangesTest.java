package io.vmconsole.api.change;

import static io.vmconsole.api.change.ChangeFixtures.edited;
import static io.vmconsole.api.change.ChangeFixtures.seedVm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The edit panel's rows over whole VM objects: metadata too, status never. */
class VmChangesTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "label added",
            vm -> vm.with("metadata").putObject("labels").put("app", "web"),
            "add metadata.labels APPLY_NOW",
            false),
        row(
            "annotation changed",
            vm -> vm.with("metadata").putObject("annotations").put("note", "x"),
            "add metadata.annotations APPLY_NOW",
            false),
        row(
            "label and runPolicy",
            vm -> {
              vm.with("metadata").putObject("labels").put("app", "web");
              vm.with("spec").put("runPolicy", "AlwaysOn");
            },
            "add metadata.labels APPLY_NOW; replace runPolicy APPLY_NOW",
            false),
        row(
            "cores",
            vm -> vm.with("spec").with("cpu").put("cores", 2),
            "replace cpu.cores RESTART",
            true),
        row(
            "cores and a label",
            vm -> {
              vm.with("spec").with("cpu").put("cores", 2);
              vm.with("metadata").putObject("labels").put("app", "web");
            },
            "replace cpu.cores RESTART; add metadata.labels APPLY_NOW",
            true),
        row("status only", vm -> vm.putObject("status").put("phase", "Running"), "", false),
        row("explicit default", vm -> vm.with("spec").put("osType", "Generic"), "", false),
        row("empty labels", vm -> vm.with("metadata").putObject("labels"), "", false));
  }

  private static Arguments row(
      String name, Consumer<ObjectNode> edit, String expected, boolean restart) {
    return Arguments.of(name, edit, expected, restart);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void classify(String name, Consumer<ObjectNode> edit, String expected, boolean restart) {
    List<ClassifiedChange> rows = VmChanges.classify(seedVm(), edited(seedVm(), edit));
    assertThat(
            rows.stream()
                .map(r -> r.operation().wire() + " " + r.path() + " " + r.action())
                .collect(Collectors.joining("; ")))
        .isEqualTo(expected);
    assertThat(VmChanges.needsRestart(rows)).isEqualTo(restart);
  }
}
