package io.vmconsole.nodeagent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BearerAuthTest {
  private final BearerAuth auth = new BearerAuth("s3cret-token");

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "Bearer s3cret-token, true",
        "bearer s3cret-token, true",
        "Bearer s3cret-token   , true",
        "Bearer s3cret-tokem, false",
        "Bearer s3cret-token-longer, false",
        "Bearer , false",
        "Basic s3cret-token, false",
        "s3cret-token, false",
        "NULL, false"
      })
  void table(String header, boolean allowed) {
    assertEquals(allowed, auth.allows(header));
  }
}
