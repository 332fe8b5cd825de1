package io.vmconsole.controller;

import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.api.vm.VmObject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.cluster.ResourceAccess.ClusterException;
import java.util.List;

/**
 * Carries out the drains kept on Nodes ({@link NodeDrain}): while Draining, starts Evict operations for
 * the node's migratable VMs, at most {@link NodeDrain#PARALLEL_PER_NODE} at a time, and marks the node
 * Drained when no VM is left on it; when Cancelled, deletes the drain's unfinished operations (which
 * cancels their migrations) and starts no more. The node stays cordoned either way.
 */
final class DrainReconciler {
  private final ControllerContext ctx;
  private final ResourceAccess ops;

  DrainReconciler(ControllerContext ctx) {
    this.ctx = ctx;
    this.ops = ctx.access(Kind.VIRTUAL_MACHINE_OPERATION);
  }

  void reconcile(String nodeName) {
    JsonNode node = ctx.cache(Kind.NODE).getJson(null, nodeName).orElse(null);
    String state = node == null ? null : node.path("metadata").path("annotations").path(NodeDrain.ANNOTATION)
        .asText(null);
    List<ObjectNode> unfinished = ctx.cache(Kind.VIRTUAL_MACHINE_OPERATION).listJson().stream()
        .filter(op -> nodeName.equals(VmopObject.of(op).label(NodeDrain.NODE_LABEL)) && !VmopObject.of(op).isOver())
        .toList();
    if (!NodeDrain.DRAINING.equals(state)) {
      // Cancelled (or the node is gone, or uncordoned): what the drain started stops.
      unfinished.forEach(op -> delete(op));
      return;
    }
    List<ObjectNode> onNode = ctx.cache(Kind.VIRTUAL_MACHINE).listJson().stream()
        .filter(vm -> nodeName.equals(vm.path("status").path("nodeName").asText()))
        .filter(vm -> !PlaceholderPodReconciler.nodes(vm).isEmpty())
        .toList();
    if (onNode.isEmpty()) {
      markDrained(nodeName);
      return;
    }
    long running = unfinished.size();
    for (ObjectNode vm : onNode) {
      if (running >= NodeDrain.PARALLEL_PER_NODE) {
        return;
      }
      String ns = vm.path("metadata").path("namespace").asText();
      String name = vm.path("metadata").path("name").asText();
      if (VmObject.of(vm).migrationBlocker().isPresent() || hasMigration(ns, name) || failedHere(ns, name, nodeName)) {
        continue;
      }
      ops.create(evict(ns, name, nodeName));
      running++;
    }
  }

  private boolean hasMigration(String namespace, String vmName) {
    return ctx.cache(Kind.VIRTUAL_MACHINE_OPERATION).listJson().stream().map(VmopObject::of)
        .anyMatch(op -> op.concerns(namespace, vmName) && op.isLiveMigration() && !op.isOver());
  }

  /** A VM whose drain migration failed is not tried again by the same drain: the page shows why. */
  private boolean failedHere(String namespace, String vmName, String nodeName) {
    return ctx.cache(Kind.VIRTUAL_MACHINE_OPERATION).listJson().stream()
        .filter(op -> namespace.equals(op.path("metadata").path("namespace").asText()))
        .filter(op -> vmName.equals(op.path("spec").path("virtualMachineName").asText()))
        .filter(op -> nodeName.equals(op.path("metadata").path("labels").path(NodeDrain.NODE_LABEL).asText()))
        .anyMatch(op -> op.path("status").path("phase").asText("").equals("Failed"));
  }

  static ObjectNode evict(String namespace, String vmName, String node) {
    ObjectNode op = JsonNodeFactory.instance.objectNode()
        .put("apiVersion", "virtualization.deckhouse.io/v1alpha2").put("kind", "VirtualMachineOperation");
    ObjectNode meta = op.putObject("metadata").put("namespace", namespace)
        .put("generateName", "drain-" + (vmName.length() > 40 ? vmName.substring(0, 40) : vmName) + "-");
    meta.putObject("labels").put(NodeDrain.REASON_LABEL, NodeDrain.REASON_DRAIN).put(NodeDrain.NODE_LABEL, node);
    op.putObject("spec").put("type", "Evict").put("virtualMachineName", vmName);
    return op;
  }

  private void delete(JsonNode op) {
    try {
      ops.delete(op.path("metadata").path("namespace").asText(), op.path("metadata").path("name").asText());
    } catch (ClusterException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private void markDrained(String nodeName) {
    // The node's status is written every second: a lost race reads again.
    ctx.access(Kind.NODE).modify(null, nodeName, current -> {
      if (NodeDrain.DRAINING.equals(current.path("metadata").path("annotations").path(NodeDrain.ANNOTATION).asText())) {
        current.with("metadata").with("annotations").put(NodeDrain.ANNOTATION, NodeDrain.DRAINED);
      }
    });
  }
}
