package io.vmconsole.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.controller.Controller;
import io.vmconsole.controller.vm.IpamNetworks;
import io.vmconsole.testsupport.SimulatedHypervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane at scale: 1,000 VMs (each with a blank disk) created through the API against
 * two {@link SimulatedHypervisor}s, until every VM is Running; prints the time (the median of three
 * runs) and the memory of the process that holds the API server and the controller (the console's
 * part of the work).
 */
public final class ControlPlaneScaleBenchmark {
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    // Throwaway runs first, each on a server and controller of its own: the figures are those of
    // a running console, not of the JIT compiling it. As in IpamBenchmark, a small warm-up was not
    // enough (one measured run after it ranged from 25 to 35 s): a small run and a full one are
    // thrown away, and the figure is the median of three after them.
    long w = System.nanoTime();
    run(WARM_UP);
    run(count);
    System.out.printf(
        "warm-up: %d + %d VMs all Running in %.1f s%n",
        WARM_UP, count, (System.nanoTime() - w) / 1e9);
    List<Run> runs = new java.util.ArrayList<>();
    for (int i = 1; i <= ITERATIONS; i++) {
      Run r = run(count);
      runs.add(r);
      System.out.printf(
          "run %d: create %.1f s, create → all Running %.1f s (%.1f VMs/s)%n",
          i, r.createSeconds(), r.seconds(), count / r.seconds());
    }
    Run median =
        runs.stream()
            .sorted(java.util.Comparator.comparingDouble(Run::seconds))
            .toList()
            .get(ITERATIONS / 2);
    median.report();
    new Goals()
        .below(
            count + " simulated VMs, create → all Running (s), median of " + ITERATIONS,
            median.seconds(),
            30,
            "s")
        .report();
  }

  private static final int WARM_UP = 300;
  private static final int ITERATIONS = 3;

  /** One measured run, with what the process held at its end. */
  private record Run(
      int count,
      int agents,
      double createSeconds,
      double seconds,
      long heapMiB,
      String rss,
      String writes,
      long fsyncs,
      int running) {

    void report() {
      System.out.printf("VMs: %d on %d simulated hypervisor agents (median run)%n", count, agents);
      System.out.printf("create (API, VM + disk each): %.1f s%n", createSeconds);
      System.out.printf("create → all Running: %.1f s (%.1f VMs/s)%n", seconds, count / seconds);
      System.out.printf("heap used after GC: %d MiB; process RSS: %s%n", heapMiB, rss);
      System.out.printf(
          "API writes (the store's resourceVersion): %s; fsyncs: %d%n", writes, fsyncs);
      System.out.printf("agent QEMUs simulated running: %d%n", running);
    }
  }

  private static Run run(int count) throws Exception {
    Map<String, SimulatedHypervisor> agents = SimulatedHypervisor.hosts(2);
    try (BenchServer api = new BenchServer();
        ClusterResources cluster = new ClusterResources(api.client)) {
      for (String node : agents.keySet()) {
        api.client
            .nodes()
            .resource(
                Serialization.unmarshal(
                    """
            apiVersion: v1
            kind: Node
            metadata: {name: %s, labels: {kubernetes.io/hostname: %s}}
            """
                        .formatted(node, node),
                    io.fabric8.kubernetes.api.model.Node.class))
            .create();
        api.client
            .nodes()
            .withName(node)
            .editStatus(
                n -> {
                  if (n.getStatus() == null) {
                    n.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
                  }
                  n.getStatus()
                      .setAllocatable(
                          Map.of(
                              "cpu",
                              new io.fabric8.kubernetes.api.model.Quantity("2000"),
                              "memory",
                              new io.fabric8.kubernetes.api.model.Quantity("4Ti")));
                  return n;
                });
      }
      create(
          api,
          "VirtualMachineClass",
          null,
          """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualMachineClass
          metadata: {name: generic}
          spec: {cpu: {type: Host}}
          """);
      api.client
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName("scale")
                  .endMetadata()
                  .build())
          .create();
      IpamNetworks networks = new IpamNetworks(api.startIpam("10.80.0.0/16").vmAddresses());
      try (Controller controller =
          new Controller(
              cluster,
              n -> Optional.ofNullable(agents.get(n)),
              networks,
              List.copyOf(agents.keySet()),
              true,
              4)) {
        controller.start();
        // Counted from a watch: polling lists of 1,000 VMs would load the machine being measured.
        RunningCount running = new RunningCount(api.client, "scale", count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
          create(
              api,
              "VirtualDisk",
              "scale",
              """
              apiVersion: virtualization.deckhouse.io/v1alpha2
              kind: VirtualDisk
              metadata: {name: vm-%d-root}
              spec: {persistentVolumeClaim: {size: 1Gi}}
              """
                  .formatted(i));
          create(
              api,
              "VirtualMachine",
              "scale",
              """
              apiVersion: virtualization.deckhouse.io/v1alpha2
              kind: VirtualMachine
              metadata: {name: vm-%d}
              spec:
                virtualMachineClassName: generic
                cpu: {cores: 1, coreFraction: 10%%}
                memory: {size: 256Mi}
                blockDeviceRefs: [{kind: VirtualDisk, name: vm-%d-root}]
              """
                  .formatted(i, i));
        }
        long created = System.nanoTime();
        running.await();
        long done = System.nanoTime();
        running.close();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return new Run(
            count,
            agents.size(),
            (created - start) / 1e9,
            (done - start) / 1e9,
            (rt.totalMemory() - rt.freeMemory()) >> 20,
            rss(),
            api.client
                .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
                .inNamespace("scale")
                .list()
                .getMetadata()
                .getResourceVersion(),
            api.server.storeForces(),
            agents.values().stream().mapToInt(SimulatedHypervisor::running).sum());
      }
    }
  }

  static void create(BenchServer api, String kind, String ns, String yaml) {
    var ctx =
        switch (kind) {
          case "VirtualDisk" -> ResourceKinds.VIRTUAL_DISK;
          case "VirtualMachineClass" -> ResourceKinds.VIRTUAL_MACHINE_CLASS;
          default -> ResourceKinds.VIRTUAL_MACHINE;
        };
    var ops = api.client.genericKubernetesResources(ctx);
    var r = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    (ns == null ? ops.resource(r) : ops.inNamespace(ns).resource(r)).create();
  }

  static String rss() throws java.io.IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmRSS"))
        .findFirst()
        .map(l -> l.replace("VmRSS:", "").trim())
        .orElse("?");
  }
}
