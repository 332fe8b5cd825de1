package io.vmconsole.controller.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmconsole.api.common.StringMaps;
import io.vmconsole.api.vm.VmAffinity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long GI = 1L << 30;

  private static final Scheduler.Node N1 =
      node("node-1", true, false, Map.of("disktype", "ssd", "rank", "5"));
  private static final Scheduler.Node N2 = node("node-2", true, false, Map.of("rank", "9"));

  static Scheduler.Node node(
      String name, boolean ready, boolean cordoned, Map<String, String> extra) {
    var labels = new java.util.HashMap<>(extra);
    labels.put("kubernetes.io/hostname", name);
    return new Scheduler.Node(name, labels, ready, cordoned, 4000, 8 * GI);
  }

  static Scheduler.Vm vm(
      String name, Map<String, String> labels, String node, String nodeSelector, String affinity) {
    return new Scheduler.Vm(
        "ns", name, labels, node, 100, GI, selector(nodeSelector), affinity(affinity));
  }

  static Map<String, String> selector(String s) {
    return s == null ? null : StringMaps.of(json(s));
  }

  static VmAffinity affinity(String s) {
    try {
      return s == null ? null : JSON.treeToValue(json(s), VmAffinity.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static JsonNode json(String s) {
    try {
      return s == null ? null : JSON.readTree(s.replace('\'', '"'));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "nodeSelector picks the labelled node|{'disktype':'ssd'}||node-1",
        "In|| {'nodeAffinity':{'requiredDuringSchedulingIgnoredDuringExecution':{'nodeSelectorTerms':[{'matchExpressions':[{'key':'kubernetes.io/hostname','operator':'In','values':['node-2']}]}]}}}|node-2",
        "NotIn||{'nodeAffinity':{'requiredDuringSchedulingIgnoredDuringExecution':{'nodeSelectorTerms':[{'matchExpressions':[{'key':'kubernetes.io/hostname','operator':'NotIn','values':['node-1']}]}]}}}|node-2",
        "Exists||{'nodeAffinity':{'requiredDuringSchedulingIgnoredDuringExecution':{'nodeSelectorTerms':[{'matchExpressions':[{'key':'disktype','operator':'Exists'}]}]}}}|node-1",
        "DoesNotExist||{'nodeAffinity':{'requiredDuringSchedulingIgnoredDuringExecution':{'nodeSelectorTerms':[{'matchExpressions':[{'key':'disktype','operator':'DoesNotExist'}]}]}}}|node-2",
        "Gt||{'nodeAffinity':{'requiredDuringSchedulingIgnoredDuringExecution':{'nodeSelectorTerms':[{'matchExpressions':[{'key':'rank','operator':'Gt','values':['6']}]}]}}}|node-2",
        "Lt||{'nodeAffinity':{'requiredDuringSchedulingIgnoredDuringExecution':{'nodeSelectorTerms':[{'matchExpressions':[{'key':'rank','operator':'Lt','values':['6']}]}]}}}|node-1",
        "preferred node affinity||{'nodeAffinity':{'preferredDuringSchedulingIgnoredDuringExecution':[{'weight':10,'preference':{'matchExpressions':[{'key':'rank','operator':'In','values':['9']}]}}]}}|node-2",
      })
  void nodeRules(String title, String nodeSelector, String affinity, String expected) {
    var placement =
        Scheduler.place(
            vm("a", Map.of(), null, blank(nodeSelector), blank(affinity)),
            List.of(N1, N2),
            List.of());
    assertThat(placement.node()).as(title).contains(expected);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Test
  void requiredAntiAffinitySpreadsAndLeavesTheThirdPendingWithTheRule() {
    String anti =
        "{\"virtualMachineAndPodAntiAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
            + "[{\"labelSelector\":{\"matchLabels\":{\"app\":\"db\"}},\"topologyKey\":\"kubernetes.io/hostname\"}]}}";
    var first = vm("db-1", Map.of("app", "db"), null, null, anti);
    var placed1 = Scheduler.place(first, List.of(N1, N2), List.of());
    var one = vm("db-1", Map.of("app", "db"), placed1.node().orElseThrow(), null, anti);
    var placed2 =
        Scheduler.place(
            vm("db-2", Map.of("app", "db"), null, null, anti), List.of(N1, N2), List.of(one));
    assertThat(placed2.node()).isPresent().isNotEqualTo(placed1.node());
    var two = vm("db-2", Map.of("app", "db"), placed2.node().orElseThrow(), null, anti);
    var third =
        Scheduler.place(
            vm("db-3", Map.of("app", "db"), null, null, anti), List.of(N1, N2), List.of(one, two));
    assertThat(third.node()).isEmpty();
    assertThat(third.reason())
        .contains("node-1: required virtualMachineAndPodAntiAffinity")
        .contains("node-2: required virtualMachineAndPodAntiAffinity");
  }

  @Test
  void requiredAndPreferredAffinityCoLocate() {
    var web = vm("web", Map.of("app", "web"), "node-2", null, null);
    String required =
        "{\"virtualMachineAndPodAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
            + "[{\"labelSelector\":{\"matchLabels\":{\"app\":\"web\"}},\"topologyKey\":\"kubernetes.io/hostname\"}]}}";
    String preferred =
        "{\"virtualMachineAndPodAffinity\":{\"preferredDuringSchedulingIgnoredDuringExecution\":"
            + "[{\"weight\":50,\"virtualMachineAndPodAffinityTerm\":{\"labelSelector\":{\"matchExpressions\":"
            + "[{\"key\":\"app\",\"operator\":\"In\",\"values\":[\"web\"]}]},\"topologyKey\":\"kubernetes.io/hostname\"}}]}}";
    assertThat(
            Scheduler.place(vm("a", Map.of(), null, null, required), List.of(N1, N2), List.of(web))
                .node())
        .contains("node-2");
    assertThat(
            Scheduler.place(vm("b", Map.of(), null, null, preferred), List.of(N1, N2), List.of(web))
                .node())
        .contains("node-2");
    String preferredAnti =
        preferred.replace("virtualMachineAndPodAffinity\"", "virtualMachineAndPodAntiAffinity\"");
    assertThat(
            Scheduler.place(
                    vm("c", Map.of(), null, null, preferredAnti), List.of(N1, N2), List.of(web))
                .node())
        .contains("node-1");
  }

  @Test
  void cordonedNotReadyAndFullNodesAreExcludedWithTheReason() {
    var cordoned = node("node-1", true, true, Map.of());
    var notReady = node("node-2", false, false, Map.of());
    var placement =
        Scheduler.place(
            vm("a", Map.of(), null, null, null), List.of(cordoned, notReady), List.of());
    assertThat(placement.node()).isEmpty();
    assertThat(placement.excluded())
        .containsEntry("node-1", "node is cordoned")
        .containsEntry("node-2", "node is not Ready");
    var big = new Scheduler.Vm("ns", "big", Map.of(), null, 100, 7 * GI, null, null);
    var hog = new Scheduler.Vm("ns", "hog", Map.of(), "node-1", 3950, GI, null, null);
    var full = Scheduler.place(big, List.of(N1), List.of(hog));
    assertThat(full.reason()).contains("node-1: insufficient cpu");
  }

  @Test
  void theEmptierNodeWinsATie() {
    var busy = vm("x", Map.of(), "node-1", null, null);
    assertThat(
            Scheduler.place(vm("a", Map.of(), null, null, null), List.of(N1, N2), List.of(busy))
                .node())
        .contains("node-2");
  }

  @Test
  void aVmWithANodeLocalDiskGoesOnlyToThatNodeAndTheOthersSayWhy() {
    var pin = new Scheduler.Pin("node-2", "disk \"data\" is in the node-local pool of node-2");
    var placement =
        Scheduler.place(
            vm("a", Map.of(), null, null, null),
            List.of(N1, N2),
            List.of(),
            java.util.Optional.of(pin));
    assertThat(placement.node()).contains("node-2");
    var cordoned =
        Scheduler.place(
            vm("a", Map.of(), null, null, null),
            List.of(N1, node("node-2", true, true, Map.of())),
            List.of(),
            java.util.Optional.of(pin));
    assertThat(cordoned.node()).isEmpty();
    assertThat(cordoned.reason())
        .isEqualTo(
            "node-1: disk \"data\" is in the node-local pool of node-2; "
                + "node-2: node is cordoned");
  }
}
