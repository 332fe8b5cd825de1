package io.vmconsole.controller.scheduling;

import io.vmconsole.api.core.NodeObject;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vm.VmPhase;
import io.vmconsole.cluster.Kind;
import io.vmconsole.controller.runtime.CachedObjects;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.controller.runtime.PerVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's view of the cluster, from the caches: the nodes, the VMs holding resources, and
 * the node-local disks that pin a VM to a node or wait for their first VM (WaitForFirstConsumer).
 */
public final class Placements {
  private final ControllerContext ctx;
  private final CachedObjects cached;
  // Placing one VM reads every other: parsing 1,000 VMs' quantities for each placement was the
  // controller's largest cost at scale.
  private final PerVersion<VmObject, Optional<Scheduler.Vm>> readings =
      new PerVersion<>(
          vm ->
              vm.nodeName().isPresent() && !vm.phase().equals(Optional.of(VmPhase.Stopped))
                  ? Optional.of(schedulerVm(vm))
                  : Optional.empty());

  public Placements(ControllerContext ctx) {
    this.ctx = ctx;
    this.cached = ctx.cached();
  }

  /** Where the VM may start. */
  public Scheduler.Placement place(VmObject vm) {
    return Scheduler.place(schedulerVm(vm), nodes(), placedVms(), localDiskPin(vm));
  }

  /** Where a running VM may live-migrate to (never its own node). */
  public Scheduler.Placement chooseTarget(VmObject vm, Map<String, String> extraSelector) {
    return TargetChooser.choose(schedulerVm(vm), extraSelector, nodes(), placedVms());
  }

  /** The VM's node-local disks that are not yet on a node (WaitForFirstConsumer). */
  public List<DiskObject> disksAwaitingFirstConsumer(VmObject vm) {
    return localDisks(vm).stream().filter(d -> d.localNode().isEmpty()).toList();
  }

  /**
   * Records the node chosen for the VM on its node-local disks still waiting, so they are created
   * there.
   */
  public void selectNodeForDisks(List<DiskObject> waiting, String node) {
    for (DiskObject disk : waiting) {
      ctx.annotateWhen(
          Kind.VIRTUAL_DISK,
          disk.namespace(),
          disk.name(),
          DiskObject::of,
          current -> current.localNode().isEmpty(),
          DiskObject.SELECTED_NODE,
          node);
    }
  }

  /** What the VM asks of a node, as the scheduler reads it. */
  public static Scheduler.Vm schedulerVm(VmObject vm) {
    return new Scheduler.Vm(
        vm.namespace(),
        vm.name(),
        vm.labels(),
        vm.nodeName().orElse(null),
        vm.cpuMillis(),
        vm.memoryBytes(),
        vm.nodeSelector(),
        vm.affinity());
  }

  /** A VM with a disk in a node's local pool can run on that node only. */
  private Optional<Scheduler.Pin> localDiskPin(VmObject vm) {
    for (DiskObject disk : localDisks(vm)) {
      Optional<String> node = disk.localNode();
      if (node.isPresent()) {
        return Optional.of(
            new Scheduler.Pin(
                node.get(),
                "disk \"" + disk.name() + "\" is in the node-local pool of " + node.get()));
      }
    }
    return Optional.empty();
  }

  private List<DiskObject> localDisks(VmObject vm) {
    List<DiskObject> local = new ArrayList<>();
    for (DeviceRef ref : vm.blockDeviceRefs()) {
      if (ref.isVirtualDisk()) {
        cached
            .disk(vm.namespace(), ref.name())
            .filter(DiskObject::isNodeLocal)
            .ifPresent(local::add);
      }
    }
    return local;
  }

  private List<Scheduler.Node> nodes() {
    List<Scheduler.Node> nodes = new ArrayList<>();
    for (NodeObject n : cached.nodes()) {
      nodes.add(
          new Scheduler.Node(
              n.name(),
              n.labels(),
              n.isReady(),
              n.unschedulable(),
              n.allocatableCpuMillis(),
              n.allocatableMemoryBytes()));
    }
    nodes.sort(Comparator.comparing(Scheduler.Node::name));
    return nodes;
  }

  private List<Scheduler.Vm> placedVms() {
    return readings.of(cached.vms()).stream().flatMap(Optional::stream).toList();
  }
}
