package io.vmconsole.api.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The seed's first VM as the starting point of every change, and a compact form of results. */
final class ChangeFixtures {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ChangeFixtures() {}

  /** A fresh copy of the seed's linux-vm, as the API server stored it (not defaulted). */
  static ObjectNode seedVm() {
    try {
      return (ObjectNode)
          YAML.readTree(Path.of("src/main/resources/seed/01-vm-linux-vm.yaml").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode seedSpec() {
    return (ObjectNode) seedVm().get("spec");
  }

  static ObjectNode edited(ObjectNode original, Consumer<ObjectNode> edit) {
    ObjectNode copy = original.deepCopy();
    edit.accept(copy);
    return copy;
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "replace cpu.cores RESTART; add blockDeviceRefs.1 RESTART" — readable in a table of cases. */
  static String summary(List<FieldChange> changes) {
    return changes.stream()
        .map(c -> c.operation().wire() + " " + c.path() + " " + c.action())
        .collect(Collectors.joining("; "));
  }
}
