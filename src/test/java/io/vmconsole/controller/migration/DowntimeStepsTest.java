package io.vmconsole.controller.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The downtime-limit a migration gets per pass of QEMU over the guest's memory. */
class DowntimeStepsTest {
  @ParameterizedTest(name = "pass {0}: {1} ms")
  @CsvSource({"0, 50", "1, 50", "2, 50", "3, 100", "4, 200", "5, 400", "6, 400", "1000, 400"})
  void startsShortAndDoublesPerPassThatDidNotFinishUpToTheCeiling(long iterations, long ms) {
    assertThat(DowntimeSteps.limitMs(iterations)).isEqualTo(ms);
  }

  @ParameterizedTest(name = "limit {0} ms at pass {1}: {2}")
  @CsvSource({
    "50, 2, -1",
    "50, 3, 100",
    "100, 5, 400",
    "400, 9, -1",
    // Set by hand higher than the steps reach: left alone, never lowered.
    "1000, 5, -1",
  })
  void onlyRaises(long current, long iterations, long expected) {
    assertThat(DowntimeSteps.raiseTo(current, iterations)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "pass {0}")
  @CsvSource({"1", "7"})
  void anAgentThatDoesNotReportItsLimitIsLeftAlone(long iterations) {
    assertThat(DowntimeSteps.raiseTo(null, iterations)).isEqualTo(-1);
  }
}
