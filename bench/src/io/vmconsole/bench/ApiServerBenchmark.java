package io.vmconsole.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmconsole.cluster.ResourceKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Embedded API server: 10,000 durable creates (VMs, through fabric8 and the product's admission)
 * with 1 and with 8 writers, each on a fresh server; get by name with 10,000 stored. A warm-up on a
 * throwaway server first, so the figures are those of a running server, not of the JIT compiling it
 * (on two cores the compiler threads take most of the CPU of a cold run).
 */
public final class ApiServerBenchmark {
  private static final int VMS = Integer.getInteger("vms", 10_000);

  public static void main(String[] args) throws Exception {
    try (BenchServer warm = new BenchServer()) {
      long t0 = System.nanoTime();
      create(warm, 8, VMS);
      System.out.printf(
          "warm-up: %d creates in %s, then gets:", VMS, BenchServer.millis(System.nanoTime() - t0));
      getByName(warm.client);
    }
    double single;
    long[] gets;
    long forcesSingle;
    try (BenchServer one = new BenchServer()) {
      long t0 = System.nanoTime();
      create(one, 1, VMS);
      single = (System.nanoTime() - t0) / 1e9;
      forcesSingle = one.server.storeForces();
      System.out.printf(
          "creates, 1 writer:  %d in %.2f s (%.0f/s), %d fsyncs%n",
          VMS, single, VMS / single, forcesSingle);
      gets = getByName(one.client);
    }
    double parallel;
    try (BenchServer eight = new BenchServer()) {
      long t0 = System.nanoTime();
      create(eight, 8, VMS);
      parallel = (System.nanoTime() - t0) / 1e9;
      long forces = eight.server.storeForces();
      System.out.printf(
          "creates, 8 writers: %d in %.2f s (%.0f/s), %d fsyncs (%.1f writes per fsync)%n",
          VMS, parallel, VMS / parallel, forces, VMS / (double) forces);
    }
    new Goals()
        .below("10,000 creates, 8 writers, durable (s)", parallel, 5, "s")
        .below("10,000 creates, 1 writer, durable (s)", single, 15, "s")
        .below(
            "get by name, p99, 10,000 stored (ms)",
            BenchServer.percentile(gets, 0.99) / 1e6,
            2,
            "ms")
        .report();
  }

  private static void create(BenchServer server, int writers, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(
          pool.submit(
              () -> {
                for (int i = writer; i < count; i += writers) {
                  server.createVm("default", "vm-" + i);
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
  }

  private static long[] getByName(KubernetesClient client) {
    Random random = new Random(1);
    long[] times = new long[5000];
    for (int i = 0; i < times.length; i++) {
      String name = "vm-" + random.nextInt(VMS);
      long t = System.nanoTime();
      client
          .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
          .inNamespace("default")
          .withName(name)
          .get();
      times[i] = System.nanoTime() - t;
    }
    System.out.printf(
        "get by name with %d stored: p50 %s, p95 %s, p99 %s%n",
        VMS,
        BenchServer.millis(BenchServer.percentile(times, 0.5)),
        BenchServer.millis(BenchServer.percentile(times, 0.95)),
        BenchServer.millis(BenchServer.percentile(times, 0.99)));
    return times;
  }
}
