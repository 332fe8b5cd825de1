package io.vmconsole.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentClients;
import io.vmconsole.api.core.NodeDrain;
import io.vmconsole.api.core.NodeObject;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.security.Access;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Node maintenance for admins (issue 8 §4): the nodes with their agents and load, cordon and
 * uncordon, and drains — planned here, kept on the Node ({@link NodeDrain}) and carried out by the
 * controller.
 */
public class NodeService {
  private final ClusterResources cluster;
  private final ResourceAccess nodes;
  private final AgentClients agents;
  private final Access access;
  private final AuditLog audit;

  /** An agent's accelerator does not change while it runs: asked once per node. */
  private final Map<String, String> accelerators = new ConcurrentHashMap<>();

  NodeService(ClusterResources cluster, AgentClients agents, Access access, AuditLog audit) {
    this.cluster = cluster;
    this.nodes = cluster.access(Kind.NODE);
    this.agents = agents;
    this.access = access;
    this.audit = audit;
  }

  @PreAuthorize("@access.isAdmin()")
  public List<NodeRow> nodes() {
    List<ObjectNode> vms = cluster.cache(Kind.VIRTUAL_MACHINE).listJson();
    List<NodeRow> rows = new ArrayList<>();
    for (ObjectNode node : cluster.cache(Kind.NODE).listJson()) {
      String name = node.path("metadata").path("name").asText();
      long cpu = 0;
      long memory = 0;
      List<String> here = new ArrayList<>();
      for (ObjectNode vm : onNode(vms, name)) {
        here.add(
            vm.path("metadata").path("namespace").asText()
                + "/"
                + vm.path("metadata").path("name").asText());
        cpu += VmObject.of(vm).cpuMillis();
        memory += VmObject.of(vm).memoryBytes();
      }
      here.sort(null);
      NodeObject view = NodeObject.of(node);
      rows.add(
          new NodeRow(
              name,
              view.isReady(),
              accelerator(name),
              view.unschedulable(),
              drainState(node),
              view.allocatableCpuMillis(),
              cpu,
              view.allocatableMemoryBytes(),
              memory,
              here));
    }
    rows.sort(Comparator.comparing(NodeRow::name));
    return rows;
  }

  @PreAuthorize("@access.isAdmin()")
  public void cordon(String node) {
    change(node, n -> n.with("spec").put("unschedulable", true));
    audit.record(access.currentUsername(), "node.cordon", "Node " + node, Map.of());
  }

  /** Schedulable again; a drain that was kept on the node ends (its unfinished migrations stop). */
  @PreAuthorize("@access.isAdmin()")
  public void uncordon(String node) {
    change(
        node,
        n -> {
          n.with("spec").remove("unschedulable");
          n.with("metadata").with("annotations").remove(NodeDrain.ANNOTATION);
        });
    audit.record(access.currentUsername(), "node.uncordon", "Node " + node, Map.of());
  }

  /** What a drain of the node would do, per VM: blocked ones (with the reason) first. */
  @PreAuthorize("@access.isAdmin()")
  public List<DrainStep> drainPlan(String node) {
    requireNode(node);
    List<DrainStep> steps = new ArrayList<>();
    for (ObjectNode vm : onNode(cluster.cache(Kind.VIRTUAL_MACHINE).listJson(), node)) {
      steps.add(
          new DrainStep(
              vm.path("metadata").path("namespace").asText(),
              vm.path("metadata").path("name").asText(),
              VmObject.of(vm).migrationBlocker().orElse(null),
              null));
    }
    steps.sort(
        Comparator.comparing((DrainStep s) -> !s.blocked())
            .thenComparing(DrainStep::namespace)
            .thenComparing(DrainStep::vm));
    return steps;
  }

  /** Cordons the node and starts its drain; the controller migrates its VMs. */
  @PreAuthorize("@access.isAdmin()")
  public void startDrain(String node) {
    change(
        node,
        n -> {
          n.with("spec").put("unschedulable", true);
          n.with("metadata").with("annotations").put(NodeDrain.ANNOTATION, NodeDrain.DRAINING);
        });
    audit.record(
        access.currentUsername(),
        "node.drain",
        "Node " + node,
        Map.of("vms", String.valueOf(drainPlan(node).size())));
  }

  /** No new migrations; those in progress are cancelled. The node stays cordoned. */
  @PreAuthorize("@access.isAdmin()")
  public void cancelDrain(String node) {
    change(
        node,
        n -> {
          if (NodeDrain.DRAINING.equals(drainState(n))) {
            n.with("metadata").with("annotations").put(NodeDrain.ANNOTATION, NodeDrain.CANCELLED);
          }
        });
    audit.record(access.currentUsername(), "node.drain.cancel", "Node " + node, Map.of());
  }

  /**
   * The drain's VMs with their progress: those still on the node (blocked, waiting or migrating)
   * and those its operations moved away.
   */
  @PreAuthorize("@access.isAdmin()")
  public List<DrainStep> drainProgress(String node) {
    List<ObjectNode> ops =
        cluster.cache(Kind.VIRTUAL_MACHINE_OPERATION).listJson().stream()
            .filter(
                op ->
                    node.equals(
                        op.path("metadata").path("labels").path(NodeDrain.NODE_LABEL).asText()))
            .sorted(
                Comparator.comparing(op -> op.path("metadata").path("creationTimestamp").asText()))
            .toList();
    Map<String, DrainStep> steps = new java.util.LinkedHashMap<>();
    for (DrainStep s : drainPlan(node)) {
      steps.put(
          s.namespace() + "/" + s.vm(),
          new DrainStep(s.namespace(), s.vm(), s.blocker(), s.blocked() ? null : "waiting"));
    }
    for (ObjectNode op : ops) {
      String ns = op.path("metadata").path("namespace").asText();
      String vm = op.path("spec").path("virtualMachineName").asText();
      DrainStep before = steps.get(ns + "/" + vm);
      steps.put(
          ns + "/" + vm,
          new DrainStep(ns, vm, before == null ? null : before.blocker(), progress(op)));
    }
    return List.copyOf(steps.values());
  }

  /**
   * Hear of changes that move a drain on (nodes, VMs, operations); runs on the informers' threads.
   */
  @PreAuthorize("@access.isAdmin()")
  public Runnable subscribe(Runnable listener) {
    List<Runnable> off = new ArrayList<>();
    Consumer<ObjectNode> any = o -> listener.run();
    for (Kind kind : List.of(Kind.NODE, Kind.VIRTUAL_MACHINE, Kind.VIRTUAL_MACHINE_OPERATION)) {
      off.add(cluster.cache(kind).addJsonListener(any));
    }
    return () -> off.forEach(Runnable::run);
  }

  private static String progress(JsonNode op) {
    JsonNode status = op.path("status");
    String phase = status.path("phase").asText("Pending");
    String target = status.path("migration").path("targetNode").asText("");
    return switch (phase) {
      case "Completed" -> target.isEmpty() ? "moved" : "moved to " + target;
      case "Failed" -> "failed: " + status.path("conditions").path(0).path("message").asText(phase);
      case "InProgress" ->
          "migrating "
              + status.path("progress").asText("")
              + (target.isEmpty() ? "" : " to " + target);
      default -> {
        String why = status.path("conditions").path(0).path("message").asText("");
        yield why.isEmpty() ? "waiting" : "waiting (" + why + ")";
      }
    };
  }

  private List<ObjectNode> onNode(List<ObjectNode> vms, String node) {
    return vms.stream()
        .filter(vm -> node.equals(vm.path("status").path("nodeName").asText()))
        .filter(
            vm -> {
              String phase = vm.path("status").path("phase").asText("");
              return !phase.isEmpty() && !phase.equals("Pending") && !phase.equals("Stopped");
            })
        .toList();
  }

  private void requireNode(String node) {
    if (node == null || cluster.cache(Kind.NODE).getJson(null, node).isEmpty()) {
      throw new InvalidInputException("node", "no node named " + node);
    }
  }

  /** The controller writes the node's Ready condition every second: a lost race reads again. */
  private void change(String node, Consumer<ObjectNode> edit) {
    requireNode(node);
    nodes
        .modify(null, node, edit)
        .orElseThrow(() -> new InvalidInputException("node", "no node named " + node));
  }

  private String accelerator(String node) {
    String known = accelerators.get(node);
    if (known != null) {
      return known;
    }
    Optional<String> chosen =
        agents
            .forNode(node)
            .flatMap(a -> a.capabilities())
            .map(c -> c.path("accelerator").path("chosen").asText(null));
    chosen.ifPresent(c -> accelerators.put(node, c));
    return chosen.orElse("unknown");
  }

  private static String drainState(JsonNode node) {
    return NodeObject.of(node).annotation(NodeDrain.ANNOTATION).orElse(null);
  }
}
