package io.vmconsole.controller.scheduling;

import static io.vmconsole.controller.scheduling.SchedulerTest.node;
import static io.vmconsole.controller.scheduling.SchedulerTest.vm;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where Evict/Migrate move a running VM: never its own node, by its placement rules. */
class TargetChooserTest {
  private static final Scheduler.Node N1 = node("node-1", true, false, Map.of("zone", "a"));
  private static final Scheduler.Node N2 = node("node-2", true, false, Map.of("zone", "b"));
  private static final Scheduler.Node N3 =
      node("node-3", true, false, Map.of("zone", "b", "disktype", "ssd"));

  @Test
  void theNodeTheVmRunsOnIsNeverTheTarget() {
    Scheduler.Vm running = vm("a", Map.of(), "node-1", null, null);
    var placement = TargetChooser.choose(running, null, List.of(N1, N2), List.of(running));
    assertThat(placement.node()).contains("node-2");

    var alone = TargetChooser.choose(running, null, List.of(N1), List.of(running));
    assertThat(alone.node()).isEmpty();
    assertThat(alone.reason()).isEqualTo("node-1: the VM runs there");
  }

  @Test
  void cordonedAndNotReadyNodesAreSkippedWithTheirReason() {
    Scheduler.Vm running = vm("a", Map.of(), "node-1", null, null);
    var placement =
        TargetChooser.choose(
            running,
            null,
            List.of(
                N1, node("node-2", false, false, Map.of()), node("node-3", true, true, Map.of())),
            List.of(running));
    assertThat(placement.node()).isEmpty();
    assertThat(placement.reason())
        .isEqualTo(
            "node-1: the VM runs there; node-2: node is not Ready; node-3: node is cordoned");
  }

  @Test
  void theVmsOwnNodeSelectorStillApplies() {
    Scheduler.Vm running = vm("a", Map.of(), "node-3", "{'zone':'b'}", null);
    var placement = TargetChooser.choose(running, null, List.of(N1, N2, N3), List.of(running));
    assertThat(placement.node()).contains("node-2");
  }

  @Test
  void aMigrateNodeSelectorNarrowsTheChoice() {
    Scheduler.Vm running = vm("a", Map.of(), "node-1", null, null);
    var placement =
        TargetChooser.choose(
            running,
            SchedulerTest.selector("{'disktype':'ssd'}"),
            List.of(N1, N2, N3),
            List.of(running));
    assertThat(placement.node()).contains("node-3");
    assertThat(placement.excluded())
        .containsEntry("node-2", "nodeSelector disktype=ssd does not match");
  }

  @Test
  void requiredAntiAffinityKeepsTheVmAwayFromItsPeers() {
    String anti =
        "{'virtualMachineAndPodAntiAffinity':{'requiredDuringSchedulingIgnoredDuringExecution':"
            + "[{'labelSelector':{'matchLabels':{'app':'db'}},'topologyKey':'kubernetes.io/hostname'}]}}";
    Scheduler.Vm running = vm("a", Map.of("app", "db"), "node-1", null, anti);
    Scheduler.Vm peer = vm("b", Map.of("app", "db"), "node-2", null, anti);
    var placement =
        TargetChooser.choose(running, null, List.of(N1, N2, N3), List.of(running, peer));
    assertThat(placement.node()).contains("node-3");
  }
}
