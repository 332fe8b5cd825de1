package io.vmconsole.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.ipam.VirtualMachineIPAddress.AddressType;
import io.vmconsole.ipam.IpamProperties;
import io.vmconsole.ipam.IpamRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * 10,000 Auto allocations in a /16 with 16 writers creating vmips and 16 reconcile workers claiming
 * leases, against a fresh embedded API server: wall time (the median of three runs), duplicates
 * (must be 0), API calls and lost claims (409) per allocation.
 */
public final class IpamBenchmark {
  private static final int TOTAL = 10_000;
  private static final int WRITERS = 16;
  private static final int ITERATIONS = 3;
  private static final Goals goals = new Goals();

  public static void main(String[] args) throws Exception {
    // Throwaway runs first: the figures are those of a running console, not of the JIT compiling
    // it. On two cores the compiler threads stay busy for a long while (JFR: 4-5 s of compilation
    // per 10 s in the first measured run after a 3,000-allocation warm-up), and five runs of 10,000
    // after that warm-up took 14.8, 7.7, 6.7, 6.7 and 6.6 s. So a small run and a full one are
    // thrown away, and the figure is the median of three after them.
    long w = System.nanoTime();
    run(3000);
    run(TOTAL);
    System.out.printf(
        "warm-up: 3000 + %d allocations in %s%n", TOTAL, BenchServer.millis(System.nanoTime() - w));
    List<Run> runs = new ArrayList<>();
    for (int i = 1; i <= ITERATIONS; i++) {
      Run r = run(TOTAL);
      runs.add(r);
      System.out.printf(
          "run %d: all bound after    %s (%.0f allocations/s)%n",
          i, BenchServer.millis((long) (r.seconds() * 1e9)), TOTAL / r.seconds());
    }
    Run median =
        runs.stream().sorted(Comparator.comparingDouble(Run::seconds)).toList().get(ITERATIONS / 2);
    median.report();
    // What the API server alone needs for the writes those allocations make (the vmip, the lease,
    // the lease's status, the vmip's status): the floor this machine puts under the figure.
    double floor = creates(4 * TOTAL);
    System.out.printf(
        "the API server alone, same sitting: %d durable creates, %d writers, no watchers: %s%n",
        4 * TOTAL, WRITERS, BenchServer.millis((long) (floor * 1e9)));
    System.out.printf(
        "median run / that floor:  %.2f (the rest: watch events, informers, the allocator)%n",
        median.seconds() / floor);
    goals
        .below(
            "10,000 allocations in a /16, 16 writers, all bound (s), median of 3",
            median.seconds(),
            15,
            "s")
        .atMost(
            "duplicate addresses, any run",
            runs.stream().mapToLong(Run::duplicates).max().orElseThrow(),
            0,
            "")
        .atMost(
            "leases beyond one per vmip, any run",
            runs.stream().mapToLong(Run::extraLeases).max().orElseThrow(),
            0,
            "")
        .atMost(
            "API calls per allocation, common case, any run",
            runs.stream().mapToDouble(Run::commonCalls).max().orElseThrow(),
            3,
            "");
    goals.report();
  }

  /** Seconds that {@code total} vmip creates take with no IPAM running, from WRITERS threads. */
  private static double creates(int total) throws Exception {
    try (BenchServer bench = new BenchServer()) {
      namespace(bench);
      var api = bench.client.resources(VirtualMachineIPAddress.class).inNamespace("bench");
      return inParallel(
              total,
              i -> {
                VirtualMachineIPAddress vmip = new VirtualMachineIPAddress();
                vmip.setMetadata(
                    new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                        .withName("floor-" + i)
                        .build());
                vmip.setSpec(new VirtualMachineIPAddress.Spec(AddressType.Auto, null));
                api.resource(vmip).create();
              })
          / 1e9;
    }
  }

  private static void namespace(BenchServer bench) {
    bench
        .client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("bench").endMetadata().build())
        .create();
  }

  /** Nanoseconds that WRITERS threads take to call {@code write} for 0 ≤ i < total between them. */
  private static long inParallel(int total, IntConsumer write) throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        futures.add(
            writers.submit(
                () -> {
                  for (int i = writer; i < total; i += WRITERS) {
                    write.accept(i);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      return System.nanoTime() - start;
    } finally {
      writers.shutdown();
    }
  }

  /** One measured run: its time and what it left behind. */
  private record Run(
      int total,
      double seconds,
      long writtenNanos,
      long duplicates,
      long leases,
      long calls,
      long conflicts,
      String firstAddress) {

    long extraLeases() {
      return leases - total;
    }

    /** Calls per allocation without the vmip's create and without lost claims (409). */
    double commonCalls() {
      return (calls - total - conflicts) / (double) total;
    }

    void report() {
      System.out.printf(
          "allocations:              %d in a /16, %d writers, %d reconcile workers (median run)%n",
          total, WRITERS, WRITERS);
      System.out.printf("all vmips written after:  %s%n", BenchServer.millis(writtenNanos));
      System.out.printf(
          "all bound after:          %s (%.0f allocations/s)%n",
          BenchServer.millis((long) (seconds * 1e9)), total / seconds);
      System.out.printf("duplicates:               %d%n", duplicates);
      System.out.printf("leases:                   %d%n", leases);
      System.out.printf(
          "API calls per allocation: %.3f (vmip create included); %.3f without it and without"
              + " lost claims%n",
          calls / (double) total, commonCalls());
      System.out.printf(
          "lost claims (409):        %d (%.3f per allocation)%n",
          conflicts, conflicts / (double) total);
      System.out.printf("vmip-0:                   %s%n", firstAddress);
    }
  }

  /** {@code total} allocations on a fresh server: until all vmips are bound. */
  private static Run run(int total) throws Exception {
    try (BenchServer bench = new BenchServer()) {
      bench
          .client
          .resource(
              """
          apiVersion: deckhouse.io/v1alpha1
          kind: ModuleConfig
          metadata: {name: virtualization}
          spec: {enabled: true, version: 1, settings: {virtualMachineCIDRs: ["10.80.0.0/16"]}}
          """)
          .create();
      namespace(bench);
      Map<String, String> bound = new ConcurrentHashMap<>();
      CountDownLatch done = new CountDownLatch(1);
      try (IpamRuntime ipam =
          new IpamRuntime(
              io.vmconsole.cluster.IpamObjects.start(bench.client),
              new IpamProperties(Duration.ofMinutes(10), Duration.ofMinutes(5), WRITERS))) {
        ipam.addresses()
            .addListener(
                v -> {
                  if (v.getStatus() != null && v.getStatus().address() != null) {
                    bound.put(v.getMetadata().getName(), v.getStatus().address());
                    if (bound.size() == total) {
                      done.countDown();
                    }
                  }
                });
        long start = System.nanoTime();
        long written =
            inParallel(
                total,
                i -> ipam.addresses().create("bench", "vmip-" + i, AddressType.Auto, null, null));
        if (!done.await(30, TimeUnit.MINUTES)) {
          throw new IllegalStateException("only " + bound.size() + " of " + total + " bound");
        }
        long elapsed = System.nanoTime() - start;
        long distinct = bound.values().stream().distinct().count();
        long leases =
            bench
                .client
                .resources(io.vmconsole.api.ipam.VirtualMachineIPAddressLease.class)
                .list()
                .getItems()
                .size();
        VirtualMachineIPAddress first = ipam.addresses().get("bench", "vmip-0").orElseThrow();
        return new Run(
            total,
            elapsed / 1e9,
            written,
            total - distinct,
            leases,
            ipam.apiCalls(),
            ipam.conflicts(),
            first.getStatus().address());
      }
    }
  }
}
