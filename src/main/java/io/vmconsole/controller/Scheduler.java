package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
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
 * VM affinity and anti-affinity, CPU and memory left) then scores (preferred terms, then the emptiest
 * node). Pure: the caller passes the nodes and the VMs already placed.
 */
public final class Scheduler {

  /** A node as the scheduler sees it; cpu in millicores, memory in bytes. */
  public record Node(String name, Map<String, String> labels, boolean ready, boolean unschedulable,
      long cpuMillis, long memoryBytes) {}

  /** A VM that holds resources on a node (or the VM being placed, with node null). */
  public record Vm(String namespace, String name, Map<String, String> labels, String node, long cpuMillis,
      long memoryBytes, JsonNode nodeSelector, JsonNode affinity) {

    JsonNode affinityPart(String name) {
      return affinity == null ? MissingNode.getInstance() : affinity.path(name);
    }
  }

  /** The chosen node, or none with, per node, the rule that excluded it. */
  public record Placement(Optional<String> node, Map<String, String> excluded) {
    public String reason() {
      return excluded.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
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
      String why = pin.isPresent() && !pin.get().node().equals(node.name()) ? pin.get().reason()
          : exclusion(vm, node, nodes, placed);
      if (why == null) {
        fit.add(node);
      } else {
        excluded.put(node.name(), why);
      }
    }
    Comparator<Node> best = Comparator.<Node>comparingLong(n -> -score(vm, n, nodes, placed))
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
    for (var it = vm.nodeSelector() == null ? List.<Map.Entry<String, JsonNode>>of().iterator()
        : vm.nodeSelector().fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().asText().equals(node.labels().get(e.getKey()))) {
        return "nodeSelector " + e.getKey() + "=" + e.getValue().asText() + " does not match";
      }
    }
    JsonNode required = vm.affinityPart("nodeAffinity")
        .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
    if (required.isArray() && !required.isEmpty()) {
      boolean any = false;
      for (JsonNode term : required) {
        any |= Labels.nodeTerm(term, node.name(), node.labels());
      }
      if (!any) {
        return "required nodeAffinity does not match";
      }
    }
    for (JsonNode term : vm.affinityPart("virtualMachineAndPodAffinity")
        .path("requiredDuringSchedulingIgnoredDuringExecution")) {
      Set<String> domains = domains(vm, term, nodes, placed);
      if (!domains.isEmpty() && !domains.contains(node.labels().get(term.path("topologyKey").asText()))) {
        return "required virtualMachineAndPodAffinity (" + term.path("topologyKey").asText()
            + ") is not met";
      }
    }
    for (JsonNode term : vm.affinityPart("virtualMachineAndPodAntiAffinity")
        .path("requiredDuringSchedulingIgnoredDuringExecution")) {
      String domain = node.labels().get(term.path("topologyKey").asText());
      if (domain != null && domains(vm, term, nodes, placed).contains(domain)) {
        return "required virtualMachineAndPodAntiAffinity (" + term.path("topologyKey").asText()
            + "): a matching VM runs there";
      }
    }
    long cpu = node.cpuMillis() - placed.stream().filter(p -> node.name().equals(p.node()))
        .mapToLong(Vm::cpuMillis).sum();
    long memory = node.memoryBytes() - placed.stream().filter(p -> node.name().equals(p.node()))
        .mapToLong(Vm::memoryBytes).sum();
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
    for (JsonNode pref : vm.affinityPart("nodeAffinity").path("preferredDuringSchedulingIgnoredDuringExecution")) {
      if (Labels.nodeTerm(pref.path("preference"), node.name(), node.labels())) {
        score += pref.path("weight").asLong();
      }
    }
    score += preferred(vm, node, nodes, placed, "virtualMachineAndPodAffinity");
    score -= preferred(vm, node, nodes, placed, "virtualMachineAndPodAntiAffinity");
    return score;
  }

  private static long preferred(Vm vm, Node node, List<Node> nodes, List<Vm> placed, String part) {
    long sum = 0;
    for (JsonNode weighted : vm.affinityPart(part).path("preferredDuringSchedulingIgnoredDuringExecution")) {
      JsonNode term = weighted.path("virtualMachineAndPodAffinityTerm");
      String domain = node.labels().get(term.path("topologyKey").asText());
      if (domain != null && domains(vm, term, nodes, placed).contains(domain)) {
        sum += weighted.path("weight").asLong();
      }
    }
    return sum;
  }

  /** The topology values (of the term's key) of the nodes running VMs the term selects. */
  private static Set<String> domains(Vm vm, JsonNode term, List<Node> nodes, List<Vm> placed) {
    String key = term.path("topologyKey").asText();
    List<String> namespaces = new ArrayList<>();
    term.path("namespaces").forEach(n -> namespaces.add(n.asText()));
    if (namespaces.isEmpty()) {
      namespaces.add(vm.namespace());
    }
    Set<String> hosts = placed.stream()
        .filter(p -> p.node() != null && !(p.namespace().equals(vm.namespace()) && p.name().equals(vm.name())))
        .filter(p -> namespaces.contains(p.namespace()) && Labels.selects(term.path("labelSelector"), p.labels()))
        .map(Vm::node).collect(Collectors.toSet());
    return nodes.stream().filter(n -> hosts.contains(n.name()))
        .map(n -> n.labels().get(key)).filter(v -> v != null).collect(Collectors.toSet());
  }

  private static long count(List<Vm> placed, String node) {
    return placed.stream().filter(p -> node.equals(p.node())).count();
  }
}
