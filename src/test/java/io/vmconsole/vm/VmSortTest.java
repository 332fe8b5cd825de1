package io.vmconsole.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When a changed row may be updated in place in the list, and when the list must be fetched again.
 */
class VmSortTest {
  @Test
  void aPhaseChangeKeepsTheRowsPlaceUnlessTheListIsSortedByPhase() {
    VmSummary starting = VmQueryTest.vm("ns", "web-1", "Starting", Map.of());
    VmSummary running = VmQueryTest.vm("ns", "web-1", "Running", Map.of());
    assertThat(VmSort.NAME.samePlace(starting, running)).isTrue();
    assertThat(VmSort.NODE.samePlace(starting, running)).isTrue();
    assertThat(VmSort.PHASE.samePlace(starting, running)).isFalse();
    assertThat(VmSort.PHASE.samePlace(running, running)).isTrue();
  }
}
