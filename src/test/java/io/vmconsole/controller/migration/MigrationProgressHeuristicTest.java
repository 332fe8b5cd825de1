package io.vmconsole.controller.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.controller.migration.MigrationProgressHeuristic.Sample;
import io.vmconsole.controller.migration.MigrationProgressHeuristic.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vmop's progress from the agent's counters (api.md §2 heuristic) and the NotConverging hint.
 */
class MigrationProgressTest {
  private static final long MIB = 1L << 20;
  private static final long TOTAL = 256 * MIB;

  private static List<Integer> percents(List<Sample> samples) {
    Tracker t = Tracker.from(0);
    List<Integer> shown = new ArrayList<>();
    for (Sample s : samples) {
      t = MigrationProgressHeuristic.next(t, s).tracker();
      shown.add(t.percent());
    }
    return shown;
  }

  @Test
  void bulkCopyRunsFromTenToFortyFiveIterationsToNinetyThenHundred() {
    assertThat(
            percents(
                List.of(
                    new Sample("Preparing", 0, 0, 0),
                    new Sample("Running", TOTAL, TOTAL, 1),
                    new Sample("Running", TOTAL / 2, TOTAL, 1),
                    new Sample("Running", 0, TOTAL, 1),
                    new Sample("Running", 40 * MIB, TOTAL, 2),
                    new Sample("Running", 10 * MIB, TOTAL, 3),
                    new Sample("Completing", 0, TOTAL, 4),
                    new Sample("Succeeded", 0, TOTAL, 4))))
        .containsExactly(10, 10, 28, 45, 49, 78, 90, 100);
  }

  @Test
  void neverDecreasesNotEvenWhenAPassStartsWithMoreToSend() {
    List<Integer> shown =
        percents(
            List.of(
                new Sample("Running", 0, TOTAL, 1),
                new Sample("Running", 20 * MIB, TOTAL, 2),
                new Sample("Running", 2 * MIB, TOTAL, 2),
                new Sample("Running", 30 * MIB, TOTAL, 3),
                new Sample("Failed", 30 * MIB, TOTAL, 3)));
    assertThat(shown).isSorted();
    assertThat(shown.get(2)).isEqualTo(85);
    assertThat(shown.get(4)).isEqualTo(shown.get(3));
  }

  @Test
  void stopsShortOfNinetyWhileQemuStillSends() {
    Tracker t = Tracker.from(0);
    for (int pass = 2; pass < 200; pass++) {
      t = MigrationProgressHeuristic.next(t, new Sample("Running", MIB, TOTAL, pass)).tracker();
    }
    assertThat(t.percent()).isEqualTo(89);
  }

  @Test
  void aRestartedConsoleGoesOnFromThePercentShown() {
    var r =
        MigrationProgressHeuristic.next(
            Tracker.from(60), new Sample("Running", TOTAL / 2, TOTAL, 1));
    assertThat(r.percent()).isEqualTo(60);
  }

  @Test
  void passesThatDoNotShrinkTheDirtySetSayNotConverging() {
    Tracker t = Tracker.from(0);
    List<Boolean> hints = new ArrayList<>();
    long[] passStarts = {100, 60, 70, 65, 80};
    for (int i = 0; i < passStarts.length; i++) {
      var r =
          MigrationProgressHeuristic.next(
              t, new Sample("Running", passStarts[i] * MIB, TOTAL, i + 2));
      t = r.tracker();
      hints.add(r.notConverging());
    }
    assertThat(hints).containsExactly(false, false, false, false, true);
    // Once the dirty set shrinks below the smallest so far, the hint goes.
    assertThat(
            MigrationProgressHeuristic.next(t, new Sample("Running", 5 * MIB, TOTAL, 7))
                .notConverging())
        .isFalse();
  }

  @Test
  void samplesWithinOnePassDoNotCountAsPasses() {
    Tracker t = Tracker.from(0);
    boolean hint = false;
    for (int i = 0; i < 20; i++) {
      var r = MigrationProgressHeuristic.next(t, new Sample("Running", (100 - i) * MIB, TOTAL, 2));
      t = r.tracker();
      hint |= r.notConverging();
    }
    assertThat(hint).isFalse();
  }
}
