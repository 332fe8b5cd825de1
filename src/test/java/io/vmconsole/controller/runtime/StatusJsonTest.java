package io.vmconsole.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.vm.VmObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Status(String phase, Long observedGeneration, Double share, List<String> notes) {}

  private static JsonNode parsed(String json) throws Exception {
    return StatusJson.MAPPER.readTree(json);
  }

  @Test
  void aStatusEqualsTheApisParseOfTheSameTextWhateverTypesItsNumbersHave() throws Exception {
    JsonNode built = StatusJson.tree(new Status("Running", 3L, 0.5, List.of("a")));

    assertThat(
            StatusJson.same(
                built,
                parsed(
                    "{\"phase\":\"Running\",\"observedGeneration\":3,\"share\":0.5,"
                        + "\"notes\":[\"a\"]}")))
        .isTrue();
    assertThat(
            StatusJson.same(
                built,
                parsed(
                    "{\"phase\":\"Running\",\"observedGeneration\":4,\"share\":0.5,"
                        + "\"notes\":[\"a\"]}")))
        .isFalse();
    assertThat(
            StatusJson.same(
                built, parsed("{\"phase\":\"Running\",\"observedGeneration\":3,\"share\":0.5}")))
        .isFalse();
  }

  @Test
  void anObjectIsWrittenOnlyWhenItsStatusChanges() throws Exception {
    VmObject vm =
        VmObject.of(
            parsed(
                "{\"metadata\":{\"name\":\"web\",\"namespace\":\"apps\"},"
                    + "\"status\":{\"phase\":\"Running\",\"observedGeneration\":3}}"));

    assertThat(StatusJson.withStatus(vm, new Status("Running", 3L, null, null))).isEmpty();
    assertThat(StatusJson.withStatus(vm, new Status("Stopped", 3L, null, null)))
        .hasValueSatisfying(
            o -> {
              assertThat(o.path("status").path("phase").asText()).isEqualTo("Stopped");
              assertThat(o.path("metadata").path("name").asText()).isEqualTo("web");
            });
    assertThat(vm.json().path("status").path("phase").asText()).isEqualTo("Running");
  }
}
