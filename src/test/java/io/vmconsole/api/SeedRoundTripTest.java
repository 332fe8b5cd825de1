package io.vmconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every seed example reads into the model and writes back with no field lost or added. */
class SeedRoundTripTest {

  /**
   * The seed's examples; its first VM is the console's seed template, so it lives with the code.
   */
  private static final List<Path> SEED =
      List.of(Path.of("src/test/resources/seed"), Path.of("src/main/resources/seed"));

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Stream<Path> seedFiles() throws IOException {
    List<Path> all = new java.util.ArrayList<>();
    for (Path dir : SEED) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(p -> p.toString().endsWith(".yaml")).forEach(all::add);
      }
    }
    return all.stream().sorted(java.util.Comparator.comparing(p -> p.getFileName().toString()));
  }

  @ParameterizedTest
  @MethodSource("seedFiles")
  void roundTripKeepsEveryField(Path file) throws IOException {
    JsonNode input = YAML.readTree(file.toFile());
    Class<? extends HasMetadata> type = typeOf(input.get("kind").asText());

    HasMetadata model;
    try (InputStream in = Files.newInputStream(file)) {
      model = Serialization.unmarshal(in, type);
    }
    // Through text, as on the wire: a tree built in memory types 2 as a long where parsing gives an
    // int.
    JsonNode output = YAML.readTree(Serialization.asJson(model));

    assertThat(output).as(file.toString()).isEqualTo(input);
  }

  @ParameterizedTest
  @MethodSource("seedFiles")
  void seedIsComplete(Path file) throws IOException {
    JsonNode input = YAML.readTree(file.toFile());
    assertThat(input.path("apiVersion").asText()).isNotEmpty();
    assertThat(input.path("metadata").path("name").asText()).isNotEmpty();
  }

  static Class<? extends HasMetadata> typeOf(String kind) {
    if (kind.equals("Secret")) {
      return Secret.class;
    }
    return ApiKinds.ALL.stream()
        .filter(c -> HasMetadata.getKind(c).equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no model class for kind " + kind));
  }
}
