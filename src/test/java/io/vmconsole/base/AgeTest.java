package io.vmconsole.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgeTest {
  @ParameterizedTest
  @CsvSource({
    "5,5s",
    "119,119s",
    "316,5m16s",
    "600,10m",
    "4740,79m",
    "43200,12h",
    "28800,8h",
    "7200,120m",
    "14400,4h",
    "15000,4h10m",
    "86400,24h",
    "259200,3d",
    "266400,3d2h",
    "864000,10d"
  })
  void printsLikeKubectl(long seconds, String expected) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(Age.since(now.minus(Duration.ofSeconds(seconds)), now)).isEqualTo(expected);
  }
}
