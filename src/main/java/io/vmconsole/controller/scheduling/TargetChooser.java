package io.vmconsole.controller.scheduling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node a running VM moves to: the {@link Scheduler} with the VM's own placement rules (plus a
 * Migrate vmop's nodeSelector), among the nodes other than the one it runs on. Not-Ready and
 * cordoned nodes are excluded by the scheduler's filters. Pure.
 */
public final class TargetChooser {
  private TargetChooser() {}

  /**
   * @param vm the VM as the scheduler sees it; its node is the source
   * @param extraSelector a Migrate vmop's spec.migrate.nodeSelector (null or empty: none)
   * @param placed every placed VM, this one included (its resources stay on the source)
   */
  public static Scheduler.Placement choose(
      Scheduler.Vm vm,
      Map<String, String> extraSelector,
      List<Scheduler.Node> nodes,
      List<Scheduler.Vm> placed) {
    Map<String, String> selector = new LinkedHashMap<>(vm.nodeSelector());
    if (extraSelector != null) {
      selector.putAll(extraSelector);
    }
    Scheduler.Vm moving =
        new Scheduler.Vm(
            vm.namespace(),
            vm.name(),
            vm.labels(),
            null,
            vm.cpuMillis(),
            vm.memoryBytes(),
            selector,
            vm.affinity());
    List<Scheduler.Node> others = nodes.stream().filter(n -> !n.name().equals(vm.node())).toList();
    Scheduler.Placement placement = Scheduler.place(moving, others, placed);
    Map<String, String> excluded = new LinkedHashMap<>();
    if (vm.node() != null) {
      excluded.put(vm.node(), "the VM runs there");
    }
    excluded.putAll(placement.excluded());
    return new Scheduler.Placement(placement.node(), excluded);
  }
}
