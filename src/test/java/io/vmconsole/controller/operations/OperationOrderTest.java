package io.vmconsole.controller.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.controller.operations.OperationOrder.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationRulesTest {

  @Test
  void stopSupersedesAnActiveStart() {
    var plan =
        OperationOrder.plan(
            List.of(
                new Op("start", "Start", false, "InProgress", true),
                new Op("stop", "Stop", false, "", false)));
    assertThat(plan.superseded()).containsExactly("start");
    assertThat(plan.run()).isEqualTo("stop");
  }

  @Test
  void aForcedStopSupersedesAStopButNotTheOtherWayRound() {
    assertThat(
            OperationOrder.plan(
                    List.of(
                        new Op("s1", "Stop", false, "InProgress", true),
                        new Op("s2", "Stop", true, "", false)))
                .superseded())
        .containsExactly("s1");
    var plan =
        OperationOrder.plan(
            List.of(
                new Op("s1", "Stop", true, "InProgress", true),
                new Op("s2", "Stop", false, "", false)));
    assertThat(plan.superseded()).isEmpty();
    assertThat(plan.run()).isEqualTo("s1");
  }

  @Test
  void restartSupersedesAnEvictOrMigrateOnlyBeforeItStarted() {
    for (String type : List.of("Evict", "Migrate")) {
      assertThat(
              OperationOrder.plan(
                      List.of(
                          new Op("e", type, false, "Pending", false),
                          new Op("r", "Restart", false, "", false)))
                  .superseded())
          .containsExactly("e");
      var running =
          OperationOrder.plan(
              List.of(
                  new Op("e", type, false, "InProgress", true),
                  new Op("r", "Restart", false, "", false)));
      assertThat(running.superseded()).isEmpty();
      assertThat(running.run()).isEqualTo("e");
    }
  }

  @Test
  void aMigrationIsTheVmsOneActiveOperation() {
    var plan =
        OperationOrder.plan(
            List.of(
                new Op("e", "Evict", false, "InProgress", true),
                new Op("stop", "Stop", false, "", false)));
    assertThat(plan).isEqualTo(new OperationOrder.Plan(List.of(), "e"));
  }

  @Test
  void anyOtherNewerOperationWaitsAndRunsWhenTheActiveOneEnds() {
    var ops =
        List.of(
            new Op("stop", "Stop", false, "InProgress", true),
            new Op("restart", "Restart", false, "", false));
    assertThat(OperationOrder.plan(ops)).isEqualTo(new OperationOrder.Plan(List.of(), "stop"));
    var later =
        List.of(
            new Op("stop", "Stop", false, "Completed", true),
            new Op("restart", "Restart", false, "Pending", false));
    assertThat(OperationOrder.plan(later).run()).isEqualTo("restart");
  }
}
