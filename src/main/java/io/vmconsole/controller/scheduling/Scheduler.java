package io.vmconsole.controller.scheduling;

import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.vmconsole.api.vm.VmAffinity;
import io.vmconsole.api.vm.VmAffinity.Term;
import io.vmconsole.api.vm.VmAffinity.VmAndPodAffinity;
import io.vmconsole.api.vm.VmAffinity.WeightedTerm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks a node for a VM: filters (readiness, cordon, nodeSelector, required node affinity, required
 * VM affinity and anti-affinity, CPU and memory left) then scores (preferred terms, then the
 * emptiest node). Pure: the caller passes the nodes and the VMs already placed.
 */
public final class Scheduler {

  /** A node as the scheduler sees it; cpu in millicores, memory in bytes. */
  public record Node(
      String name,
      Map<String, String> labels,
      boolean ready,
      boolean unschedulable,
      long cpuMillis,
      long memoryBytes) {}

  /** A VM that holds resources on a node (or the VM being placed, with node null). */
  public record Vm(
      String namespace,
      String name,
      Map<String, String> labels,
      String node,
      long cpuMillis,
      long memoryBytes,
      Map<String, String> nodeSelector,
      VmAffinity affinity) {
    public Vm {
      nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
      affinity = affinity == null ? new VmAffinity(null, null, null) : affinity;
    }

    Optional<NodeAffinity> nodeAffinity() {
      return Optional.ofNullable(affinity.nodeAffinity());
    }

    /** The VM/pod affinity (or, anti true, anti-affinity); an empty one when absent. */
    VmAndPodAffinity vmAffinity(boolean anti) {
      VmAndPodAffinity part =
          anti
              ? affinity.virtualMachineAndPodAntiAffinity()
              : affinity.virtualMachineAndPodAffinity();
      return part == null ? new VmAndPodAffinity(null, null) : part;
    }
  }

  /** The chosen node, or none with, per node, the rule that excluded it. */
  public record Placement(Optional<String> node, Map<String, String> excluded) {
    public String reason() {
      return excluded.entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue())
          .collect(Collectors.joining("; "));
    }
  }

  /** The one node a VM may run on, and why (its disk is in that node's local pool). */
  public record Pin(String node, String reason) {}

  private Scheduler() {}

  public static Placement place(Vm vm, List<Node> nodes, List<Vm> placed) {
    return place(vm, nodes, placed, Optional.empty());
  }

  public static Placement place(Vm vm, List<Node> nodes, List<Vm> placed, Optional<Pin> pin) {
    Map<String, String> excluded = new LinkedHashMap<>();
    List<Node> fit = new ArrayList<>();
    for (Node node : nodes) {
      String why =
          pin.isPresent() && !pin.get().node().equals(node.name())
              ? pin.get().reason()
              : exclusion(vm, node, nodes, placed);
      if (why == null) {
        fit.add(node);
      } else {
        excluded.put(node.name(), why);
      }
    }
    Comparator<Node> best =
        Comparator.<Node>comparingLong(n -> -score(vm, n, nodes, placed))
            .thenComparingLong(n -> count(placed, n.name()))
            .thenComparing(Node::name);
    return new Placement(fit.stream().min(best).map(Node::name), excluded);
  }

  private static String exclusion(Vm vm, Node node, List<Node> nodes, List<Vm> placed) {
    if (!node.ready()) {
      return "node is not Ready";
    }
    if (node.unschedulable()) {
      return "node is cordoned";
    }
    for (Map.Entry<String, String> e : vm.nodeSelector().entrySet()) {
      if (!e.getValue().equals(node.labels().get(e.getKey()))) {
        return "nodeSelector " + e.getKey() + "=" + e.getValue() + " does not match";
      }
    }
    List<NodeSelectorTerm> required =
        vm.nodeAffinity()
            .map(NodeAffinity::getRequiredDuringSchedulingIgnoredDuringExecution)
            .map(NodeSelector::getNodeSelectorTerms)
            .orElse(List.of());
    if (!required.isEmpty()
        && required.stream().noneMatch(term -> Labels.nodeTerm(term, node.name(), node.labels()))) {
      return "required nodeAffinity does not match";
    }
    for (Term term :
        Labels.orEmpty(vm.vmAffinity(false).requiredDuringSchedulingIgnoredDuringExecution())) {
      Set<String> domains = domains(vm, term, nodes, placed);
      if (!domains.isEmpty() && !domains.contains(node.labels().get(term.topologyKey()))) {
        return "required virtualMachineAndPodAffinity (" + term.topologyKey() + ") is not met";
      }
    }
    for (Term term :
        Labels.orEmpty(vm.vmAffinity(true).requiredDuringSchedulingIgnoredDuringExecution())) {
      String domain = node.labels().get(term.topologyKey());
      if (domain != null && domains(vm, term, nodes, placed).contains(domain)) {
        return "required virtualMachineAndPodAntiAffinity ("
            + term.topologyKey()
            + "): a matching VM runs there";
      }
    }
    long cpu =
        node.cpuMillis()
            - placed.stream()
                .filter(p -> node.name().equals(p.node()))
                .mapToLong(Vm::cpuMillis)
                .sum();
    long memory =
        node.memoryBytes()
            - placed.stream()
                .filter(p -> node.name().equals(p.node()))
                .mapToLong(Vm::memoryBytes)
                .sum();
    if (cpu < vm.cpuMillis()) {
      return "insufficient cpu (" + cpu + "m free, " + vm.cpuMillis() + "m requested)";
    }
    if (memory < vm.memoryBytes()) {
      return "insufficient memory (" + memory + " bytes free, " + vm.memoryBytes() + " requested)";
    }
    return null;
  }

  private static long score(Vm vm, Node node, List<Node> nodes, List<Vm> placed) {
    long score = 0;
    for (PreferredSchedulingTerm pref :
        vm.nodeAffinity()
            .map(NodeAffinity::getPreferredDuringSchedulingIgnoredDuringExecution)
            .orElse(List.of())) {
      if (Labels.nodeTerm(pref.getPreference(), node.name(), node.labels())) {
        score += pref.getWeight() == null ? 0 : pref.getWeight();
      }
    }
    score += preferred(vm, node, nodes, placed, false);
    score -= preferred(vm, node, nodes, placed, true);
    return score;
  }

  private static long preferred(Vm vm, Node node, List<Node> nodes, List<Vm> placed, boolean anti) {
    long sum = 0;
    for (WeightedTerm weighted :
        Labels.orEmpty(vm.vmAffinity(anti).preferredDuringSchedulingIgnoredDuringExecution())) {
      Term term = weighted.virtualMachineAndPodAffinityTerm();
      String domain = term == null ? null : node.labels().get(term.topologyKey());
      if (domain != null && domains(vm, term, nodes, placed).contains(domain)) {
        sum += weighted.weight() == null ? 0 : weighted.weight();
      }
    }
    return sum;
  }

  /** The topology values (of the term's key) of the nodes running VMs the term selects. */
  private static Set<String> domains(Vm vm, Term term, List<Node> nodes, List<Vm> placed) {
    String key = term.topologyKey();
    List<String> namespaces =
        term.namespaces() == null || term.namespaces().isEmpty()
            ? List.of(vm.namespace())
            : term.namespaces();
    Set<String> hosts =
        placed.stream()
            .filter(
                p ->
                    p.node() != null
                        && !(p.namespace().equals(vm.namespace()) && p.name().equals(vm.name())))
            .filter(
                p ->
                    namespaces.contains(p.namespace())
                        && Labels.selects(term.labelSelector(), p.labels()))
            .map(Vm::node)
            .collect(Collectors.toSet());
    return nodes.stream()
        .filter(n -> hosts.contains(n.name()))
        .map(n -> n.labels().get(key))
        .filter(v -> v != null)
        .collect(Collectors.toSet());
  }

  private static long count(List<Vm> placed, String node) {
    return placed.stream().filter(p -> node.equals(p.node())).count();
  }
}
