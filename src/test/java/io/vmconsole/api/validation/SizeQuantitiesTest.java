package io.vmconsole.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sizes in bytes (memory, disk sizes) through the one quantity grammar: Kubernetes' own, exact.
 * Every value here once left a VM Pending for ever, or was refused, by one of three parsers that
 * disagreed; now the console parses and the agent takes the integer.
 */
class SizeQuantitiesTest {

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({
    "0.375Gi, 402653184",
    "1.5Gi, 1610612736",
    "1e9, 1000000000",
    "512k, 512000",
    "500M, 500000000",
    "1G, 1000000000",
    "128974848, 128974848",
    "129e6, 129000000",
    "123Mi, 128974848",
    "1Ei, 1152921504606846976",
    "0.5Ki, 512",
    "1E3, 1000"
  })
  void aSizeIsItsExactNumberOfBytes(String text, long bytes) {
    assertThat(Quantities.sizeProblem(text(text))).isEmpty();
    assertThat(Quantities.sizeBytes(text)).contains(bytes);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-1Gi | must be positive (got \"-1Gi\")",
        "0 | must be positive (got \"0\")",
        "abc | must be a quantity such as 1Gi, 0.375Gi or 500M (got \"abc\")",
        "'' | must be a quantity such as 1Gi, 0.375Gi or 500M (got \"\")",
        "1.5 | must be a whole number of bytes (got \"1.5\", which is 1.5 bytes)",
        "100m | must be a whole number of bytes (got \"100m\", which is 0.1 bytes)",
        "8Ei | is too large (got \"8Ei\")"
      })
  void notASizeIsRefusedSayingWhy(String text, String problem) {
    assertThat(Quantities.sizeProblem(text(text))).contains(problem);
    assertThat(Quantities.sizeBytes(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aNumberIsShownInPlainDigits() {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(Quantities.shown(json.valueToTree(1e9))).isEqualTo("1000000000");
    assertThat(Quantities.shown(json.valueToTree(1L << 60))).isEqualTo("1152921504606846976");
    assertThat(Quantities.shown(json.valueToTree(1.5))).isEqualTo("1.5");
  }

  private static com.fasterxml.jackson.databind.JsonNode text(String text) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
  }
}
