package io.vmconsole.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which changes leave the VM list alone, re-send one row, or fetch the list again. */
class RowChangeTest {
  private final VmSummary starting = VmQueryTest.vm("ns", "web-1", "Starting", Map.of());
  private final VmSummary running = VmQueryTest.vm("ns", "web-1", "Running", Map.of());

  @Test
  void aChangeToAVmTheListDoesNotShowLeavesTheListAlone() {
    // Another namespace or another search: reloading here made clicks on row checkboxes get lost.
    assertThat(RowChange.of(null, Optional.empty(), VmSort.NAME)).isEqualTo(RowChange.NONE);
  }

  @Test
  void aRowThatComesOrGoesReloadsTheList() {
    assertThat(RowChange.of(null, Optional.of(running), VmSort.NAME)).isEqualTo(RowChange.RELOAD);
    assertThat(RowChange.of(running, Optional.empty(), VmSort.NAME)).isEqualTo(RowChange.RELOAD);
  }

  @Test
  void aRowThatKeepsItsPlaceIsResentAloneAndOneThatMovesReloads() {
    assertThat(RowChange.of(starting, Optional.of(running), VmSort.NAME))
        .isEqualTo(RowChange.IN_PLACE);
    assertThat(RowChange.of(starting, Optional.of(running), VmSort.PHASE))
        .isEqualTo(RowChange.RELOAD);
  }
}
