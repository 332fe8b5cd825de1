package io.vmconsole.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.ipam.VirtualMachineIPAddress.AddressType;
import io.vmconsole.ipam.IpamProperties;
import io.vmconsole.ipam.IpamRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * 10,000 Auto allocations in a /16 with 16 writers creating vmips and 16 reconcile workers claiming
 * leases, against a fresh embedded API server: wall time, duplicates (must be 0), API calls and
 * lost claims (409) per allocation.
 */
public final class IpamBenchmark {
  private static final int TOTAL = 10_000;
  private static final int WRITERS = 16;

  public static void main(String[] args) throws Exception {
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
      bench
          .client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName("bench").endMetadata().build())
          .create();
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
                    if (bound.size() == TOTAL) {
                      done.countDown();
                    }
                  }
                });
        long start = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          futures.add(
              writers.submit(
                  () -> {
                    for (int i = writer; i < TOTAL; i += WRITERS) {
                      ipam.addresses().create("bench", "vmip-" + i, AddressType.Auto, null, null);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
        long written = System.nanoTime() - start;
        if (!done.await(30, TimeUnit.MINUTES)) {
          throw new IllegalStateException("only " + bound.size() + " of " + TOTAL + " bound");
        }
        long elapsed = System.nanoTime() - start;
        writers.shutdown();
        long distinct = bound.values().stream().distinct().count();
        long leases =
            bench
                .client
                .resources(io.vmconsole.api.ipam.VirtualMachineIPAddressLease.class)
                .list()
                .getItems()
                .size();
        System.out.printf(
            "allocations:              %d in a /16, %d writers, %d reconcile workers%n",
            TOTAL, WRITERS, WRITERS);
        System.out.printf("all vmips written after:  %s%n", BenchServer.millis(written));
        System.out.printf(
            "all bound after:          %s (%.0f allocations/s)%n",
            BenchServer.millis(elapsed), TOTAL / (elapsed / 1e9));
        System.out.printf("duplicates:               %d%n", TOTAL - distinct);
        System.out.printf("leases:                   %d%n", leases);
        double calls = ipam.apiCalls() / (double) TOTAL;
        System.out.printf(
            "API calls per allocation: %.2f (vmip create included; %.2f without it)%n",
            calls, calls - 1);
        System.out.printf(
            "lost claims (409):        %d (%.3f per allocation)%n",
            ipam.conflicts(), ipam.conflicts() / (double) TOTAL);
        VirtualMachineIPAddress first = ipam.addresses().get("bench", "vmip-0").orElseThrow();
        System.out.printf("vmip-0:                   %s%n", first.getStatus().address());
        new Goals()
            .below("10,000 allocations in a /16, 16 writers, all bound (s)", elapsed / 1e9, 15, "s")
            .atMost("duplicate addresses", TOTAL - distinct, 0, "")
            .atMost("API calls per allocation, vmip create excluded", calls - 1, 3, "")
            .report();
      }
    }
  }
}
