package io.vmconsole.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

  @Test
  void bytesUseBinaryUnitsWithOneDecimalBelowTen() {
    assertThat(HumanUnits.bytes(0)).isEqualTo("0 B");
    assertThat(HumanUnits.bytes(1023)).isEqualTo("1023 B");
    assertThat(HumanUnits.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(HumanUnits.bytes(268_435_456)).isEqualTo("256 MiB");
    assertThat(HumanUnits.bytes(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("1.5 GiB");
  }

  @Test
  void rateIsBytesPerSecond() {
    assertThat(HumanUnits.rate(12 * 1024 * 1024)).isEqualTo("12 MiB/s");
    assertThat(HumanUnits.rate(0)).isEqualTo("0 B/s");
  }

  @Test
  void millisReadAsMillisecondsSecondsOrMinutes() {
    assertThat(HumanUnits.millis(23)).isEqualTo("23 ms");
    assertThat(HumanUnits.millis(1400)).isEqualTo("1.4 s");
    assertThat(HumanUnits.millis(59_949)).isEqualTo("59.9 s");
    assertThat(HumanUnits.millis(125_000)).isEqualTo("2 min 5 s");
    assertThat(HumanUnits.millis(120_000)).isEqualTo("2 min");
  }
}
