package io.vmconsole.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

  @Test
  void controlCharactersAreEscapedSoNoLineCanBeForged() {
    assertThat(LogSafe.text("a\r\nb\tc\u0000d\u2028e\\f"))
        .isEqualTo("a\\r\\nb\\tc\\u0000d\\u2028e\\\\f");
  }

  @Test
  void longInputIsCutAndSaysHowLongItWas() {
    String text = LogSafe.text("x".repeat(65_536));
    assertThat(text)
        .startsWith("x".repeat(LogSafe.MAX_LENGTH) + "…")
        .endsWith("(65536 characters)");
    assertThat(text.length()).isLessThan(100);
  }

  @Test
  void ordinaryTextStaysAsItIs() {
    assertThat(LogSafe.text("alice@127.0.0.1 ünï")).isEqualTo("alice@127.0.0.1 ünï");
    assertThat(LogSafe.text(null)).isEqualTo("null");
  }

  @Test
  void aFailureIsOneLineWithItsClassAndItsMessageEscaped() {
    String line =
        LogSafe.failure(new IllegalStateException("bad name 'x\r\nINFO created user admin'"));
    assertThat(line)
        .isEqualTo("java.lang.IllegalStateException: bad name 'x\\r\\nINFO created user admin'");
    assertThat(LogSafe.failure(new RuntimeException("y".repeat(5000))))
        .hasSizeLessThan(LogSafe.MAX_FAILURE_LENGTH + 40)
        .endsWith("characters)");
  }
}
