package io.vmconsole.controller.nodes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.vmconsole.api.core.PlaceholderPods;
import io.vmconsole.api.core.PodObject;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.cluster.ResourceAccess.ClusterException;
import io.vmconsole.cluster.ResourceAccess.ConflictException;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.controller.scheduling.Placements;
import io.vmconsole.controller.scheduling.Scheduler;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps one placeholder Pod per node where a VM has a QEMU (DESIGN.md "Placeholder pods"): the
 * source and, while a migration is in progress, the target. Pods are only created and deleted,
 * never changed.
 */
public final class PlaceholderPodReconciler {
  private final ControllerContext ctx;
  private final ResourceAccess pods;

  public PlaceholderPodReconciler(ControllerContext ctx) {
    this.ctx = ctx;
    this.pods = ctx.access(Kind.POD);
  }

  public void reconcile(String namespace, String vmName) {
    Optional<VmObject> vm = ctx.cached().vm(namespace, vmName);
    Map<String, Pod> wanted = new TreeMap<>();
    vm.ifPresent(
        v ->
            nodes(v)
                .forEach(
                    node ->
                        wanted.put(PlaceholderPods.podName(vmName, v.uid(), node), pod(v, node))));
    for (PodObject existing :
        ctx.cached().podsLabelled(namespace, PlaceholderPods.VM_LABEL, vmName)) {
      if (wanted.remove(existing.name()) == null) {
        delete(namespace, existing.name());
      }
    }
    for (Pod pod : wanted.values()) {
      try {
        ctx.create(Kind.POD, pod);
      } catch (ConflictException alreadyThere) {
        // The cache had not seen it yet: the pod is what we want.
      }
    }
  }

  private void delete(String namespace, String name) {
    try {
      pods.delete(namespace, name);
    } catch (ClusterException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  /**
   * The nodes where the VM has (or is about to have) a QEMU: its node while it is placed and not
   * stopped, plus the target of a migration in progress.
   */
  public static Set<String> nodes(VmObject vm) {
    Set<String> nodes = new LinkedHashSet<>();
    String phase = vm.phaseText();
    if (vm.deleting() && !phase.equals("Terminating")) {
      return nodes;
    }
    boolean hasQemu = !phase.isEmpty() && !phase.equals("Pending") && !phase.equals("Stopped");
    if (hasQemu) {
      vm.nodeName().ifPresent(nodes::add);
      vm.migrationTargetInProgress().ifPresent(nodes::add);
    }
    return nodes;
  }

  public static Pod pod(VmObject vm, String node) {
    String vmName = vm.name();
    Scheduler.Vm resources = Placements.schedulerVm(vm);
    Map<String, Quantity> requests =
        Map.of(
            "cpu", new Quantity(resources.cpuMillis() + "m"),
            "memory", new Quantity(String.valueOf(resources.memoryBytes())));
    return new PodBuilder()
        .withNewMetadata()
        .withName(PlaceholderPods.podName(vmName, vm.uid(), node))
        .withNamespace(vm.namespace())
        .addToLabels(PlaceholderPods.VM_LABEL, vmName)
        .addNewOwnerReference()
        .withApiVersion(
            vm.apiVersion().isEmpty() ? "virtualization.deckhouse.io/v1alpha2" : vm.apiVersion())
        .withKind("VirtualMachine")
        .withName(vmName)
        .withUid(vm.uid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName("compute")
        .withImage("vmconsole/placeholder")
        .withNewResources()
        .withRequests(requests)
        .withLimits(requests)
        .endResources()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }
}
