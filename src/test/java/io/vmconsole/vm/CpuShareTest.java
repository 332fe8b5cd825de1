package io.vmconsole.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuShareTest {
  @Test
  void theFractionIsWhatIsGuaranteedAndTheCoresTheCeiling() {
    assertThat(CpuShare.describe("1", "10%")).contains("guaranteed 0.1 core, up to 1 core");
    assertThat(CpuShare.describe("4", "50%")).contains("guaranteed 2 cores, up to 4 cores");
    assertThat(CpuShare.describe("2", "100%")).contains("guaranteed 2 cores, up to 2 cores");
    assertThat(CpuShare.describe("3", "5%")).contains("guaranteed 0.15 core, up to 3 cores");
    assertThat(CpuShare.describe("", "10%")).isEmpty();
    assertThat(CpuShare.describe("1", "lots")).isEmpty();
  }
}
