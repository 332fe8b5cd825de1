package io.vmconsole.controller.nodes;

import io.vmconsole.api.core.NodeDrain;
import io.vmconsole.api.core.NodeObject;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vmop.VirtualMachineOperation;
import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.api.vmop.VmopPhase;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.cluster.ResourceAccess.ClusterException;
import io.vmconsole.controller.runtime.ControllerContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out the drains kept on Nodes ({@link NodeDrain}): while Draining, starts Evict operations
 * for the node's migratable VMs, at most {@link NodeDrain#PARALLEL_PER_NODE} at a time, and marks
 * the node Drained when no VM is left on it; when Cancelled, deletes the drain's unfinished
 * operations (which cancels their migrations) and starts no more. The node stays cordoned either
 * way.
 */
public final class DrainReconciler {
  private final ControllerContext ctx;
  private final ResourceAccess ops;

  public DrainReconciler(ControllerContext ctx) {
    this.ctx = ctx;
    this.ops = ctx.access(Kind.VIRTUAL_MACHINE_OPERATION);
  }

  public void reconcile(String nodeName) {
    boolean draining =
        ctx.cached().nodes().stream().anyMatch(n -> n.name().equals(nodeName) && n.isDraining());
    List<VmopObject> vmops = ctx.cached().vmops();
    List<VmopObject> unfinished =
        vmops.stream()
            .filter(op -> nodeName.equals(op.label(NodeDrain.NODE_LABEL)) && !op.isOver())
            .toList();
    if (!draining) {
      // Cancelled (or the node is gone, or uncordoned): what the drain started stops.
      unfinished.forEach(op -> delete(op));
      return;
    }
    List<VmObject> onNode =
        ctx.cached().vms().stream()
            .filter(vm -> vm.nodeName().filter(nodeName::equals).isPresent())
            .filter(vm -> !PlaceholderPodReconciler.nodes(vm).isEmpty())
            .toList();
    if (onNode.isEmpty()) {
      markDrained(nodeName);
      return;
    }
    long running = unfinished.size();
    for (VmObject vm : onNode) {
      if (running >= NodeDrain.PARALLEL_PER_NODE) {
        return;
      }
      String ns = vm.namespace();
      String name = vm.name();
      if (vm.migrationBlocker().isPresent()
          || hasMigration(vmops, ns, name)
          || failedHere(vmops, ns, name, nodeName)) {
        continue;
      }
      ctx.create(Kind.VIRTUAL_MACHINE_OPERATION, evict(ns, name, nodeName));
      running++;
    }
  }

  private static boolean hasMigration(List<VmopObject> vmops, String namespace, String vmName) {
    return vmops.stream()
        .anyMatch(op -> op.concerns(namespace, vmName) && op.isLiveMigration() && !op.isOver());
  }

  /** A VM whose drain migration failed is not tried again by the same drain: the page shows why. */
  private static boolean failedHere(
      List<VmopObject> vmops, String namespace, String vmName, String nodeName) {
    return vmops.stream()
        .anyMatch(
            op ->
                op.concerns(namespace, vmName)
                    && nodeName.equals(op.label(NodeDrain.NODE_LABEL))
                    && op.phase().equals(Optional.of(VmopPhase.Failed)));
  }

  static VirtualMachineOperation evict(String namespace, String vmName, String node) {
    return EvictOperations.evict(
        namespace,
        vmName,
        "drain",
        Map.of(NodeDrain.REASON_LABEL, NodeDrain.REASON_DRAIN, NodeDrain.NODE_LABEL, node));
  }

  private void delete(VmopObject op) {
    try {
      ops.delete(op.namespace(), op.name());
    } catch (ClusterException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private void markDrained(String nodeName) {
    // The node's status is written every second: a lost race reads again.
    ctx.annotateWhen(
        Kind.NODE,
        null,
        nodeName,
        NodeObject::of,
        NodeObject::isDraining,
        NodeDrain.ANNOTATION,
        NodeDrain.DRAINED);
  }
}
