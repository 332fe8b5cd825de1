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
 * Embedded API server: 10,000 creates with 1 and with 8 writers; get by name with 10,000 stored.
 */
public final class ApiServerBenchmark {
  private static final int VMS = Integer.getInteger("vms", 10_000);

  public static void main(String[] args) throws Exception {
    try (BenchServer one = new BenchServer()) {
      long t0 = System.nanoTime();
      for (int i = 0; i < VMS; i++) {
        one.createVm("default", "vm-" + i);
      }
      long single = System.nanoTime() - t0;
      System.out.printf(
          "creates, 1 writer:  %d in %s (%.0f/s)%n",
          VMS, BenchServer.millis(single), VMS / (single / 1e9));
      getByName(one.client);
    }
    try (BenchServer eight = new BenchServer()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      long t0 = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = writer; i < VMS; i += 8) {
                    eight.createVm("default", "vm-" + i);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      long parallel = System.nanoTime() - t0;
      pool.shutdown();
      System.out.printf(
          "creates, 8 writers: %d in %s (%.0f/s)%n",
          VMS, BenchServer.millis(parallel), VMS / (parallel / 1e9));
    }
  }

  private static void getByName(KubernetesClient client) {
    Random random = new Random(1);
    long[] times = new long[2000];
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
  }
}
