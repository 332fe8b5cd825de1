package io.vmconsole.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.ipam.VirtualMachineIPAddress.AddressType;
import io.vmconsole.api.ipam.VirtualMachineIPAddressLease;
import io.vmconsole.cluster.IpAddresses;
import io.vmconsole.cluster.IpLeases;
import io.vmconsole.testsupport.ApiServerProcess;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import io.vmconsole.testsupport.ConsoleProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many writers, one /22 of an API server of the test's own (so the shared console's pool is
 * untouched): addresses stay unique, one lease per vmip, nothing leaks, the excess waits "pool
 * exhausted" — also when the console doing the allocating is killed mid-run and started again.
 */
class IpamConcurrencyIT extends ConsoleIntegrationTest {
  private static final String POOL = "10.77.0.0/22";
  private static final int WRITERS = 16;
  private static final int EACH = 60;
  private static final long CAPACITY = 1020;

  @Test
  void sixteenWritersGetUniqueAddressesThenTheExcessWaits() throws Exception {
    try (ApiServerProcess api = new ApiServerProcess(Path.of("target/ipam-concurrency"));
        KubernetesClient c = api.client()) {
      String ns = prepare(c);
      try (IpamRuntime ipam =
          new IpamRuntime(
              io.vmconsole.cluster.IpamObjects.start(c),
              new IpamProperties(Duration.ofMinutes(10), Duration.ofSeconds(1), WRITERS))) {
        write(c, ns, "a", WRITERS, EACH);
        await().atMost(Duration.ofMinutes(3)).until(() -> bound(c, ns).size() == WRITERS * EACH);
        assertConsistent(c, ns, WRITERS * EACH, 0);

        write(c, ns, "b", WRITERS, 6);
        long excess = WRITERS * EACH + WRITERS * 6 - CAPACITY;
        await()
            .atMost(Duration.ofMinutes(3))
            .until(() -> bound(c, ns).size() == CAPACITY && pending(c, ns).size() == excess);
        assertConsistent(c, ns, CAPACITY, 0);
        assertThat(pending(c, ns))
            .allSatisfy(
                v ->
                    assertThat(VmipStatuses.pendingMessage(v.getStatus()))
                        .startsWith("pool exhausted"));
      }
    }
  }

  @Test
  void aConsoleKilledMidRunLeavesNoDuplicatesAndItsOrphansAreReleased() throws Exception {
    Path dir = Path.of("target/ipam-kill");
    try (ApiServerProcess api = new ApiServerProcess(dir);
        KubernetesClient c = api.client()) {
      String ns = prepare(c);
      String[] props = {
        "vmconsole.cluster.mode=kubeconfig",
        "vmconsole.cluster.kubeconfig=" + api.kubeconfig().toAbsolutePath(),
        "vmconsole.data-dir=" + dir.resolve("console").toAbsolutePath(),
        "vmconsole.security.initial-admin-password=ipam-kill-pw",
        "vmconsole.ipam.workers=" + WRITERS,
        "vmconsole.ipam.sweep-interval=PT1S"
      };
      ConsoleProcess console = new ConsoleProcess(dir.resolve("console-1.log"), props);
      AtomicInteger created = new AtomicInteger();
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        running.add(
            writers.submit(
                () -> {
                  for (int i = 0; i < EACH; i++) {
                    create(c, ns, "w" + writer + "-" + i);
                    created.incrementAndGet();
                  }
                  return null;
                }));
      }
      await().atMost(Duration.ofMinutes(2)).until(() -> bound(c, ns).size() >= 150);
      ProcessHandle.of(console.pid()).ifPresent(ProcessHandle::destroyForcibly);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  ProcessHandle.of(console.pid()).isEmpty()
                      || !ProcessHandle.of(console.pid()).get().isAlive());
      for (Future<?> f : running) {
        f.get();
      }
      writers.shutdown();
      assertThat(created.get()).isEqualTo(WRITERS * EACH);

      // While no console runs, 20 bound vmips are force-deleted (finalizer dropped): their leases
      // are orphans.
      List<VirtualMachineIPAddress> victims = bound(c, ns).subList(0, 20);
      for (VirtualMachineIPAddress v : victims) {
        var r =
            c.resources(VirtualMachineIPAddress.class)
                .inNamespace(ns)
                .withName(v.getMetadata().getName());
        r.edit(
            x -> {
              x.getMetadata().setFinalizers(List.of());
              return x;
            });
        r.delete();
      }
      List<String> orphanLeases =
          victims.stream().map(v -> "ip-" + v.getStatus().address().replace('.', '-')).toList();

      try (ConsoleProcess restarted = new ConsoleProcess(dir.resolve("console-2.log"), props)) {
        int live = WRITERS * EACH - victims.size();
        await().atMost(Duration.ofMinutes(3)).until(() -> bound(c, ns).size() == live);
        await()
            .atMost(Duration.ofMinutes(1))
            .until(
                () ->
                    orphanLeases.stream()
                        .allMatch(
                            n -> {
                              VirtualMachineIPAddressLease l =
                                  c.resources(VirtualMachineIPAddressLease.class).withName(n).get();
                              return l != null
                                  && l.getStatus() != null
                                  && IpLeases.RELEASED.equals(l.getStatus().phase());
                            }));
        assertConsistent(c, ns, live, victims.size());
      }
      console.close();
    }
  }

  @Test
  void aVmipTheConsoleMakesIsBoundInThreeApiCalls() throws Exception {
    try (ApiServerProcess api = new ApiServerProcess(Path.of("target/ipam-calls"));
        KubernetesClient c = api.client()) {
      String ns = prepare(c);
      try (IpamRuntime ipam =
          new IpamRuntime(
              io.vmconsole.cluster.IpamObjects.start(c),
              new IpamProperties(Duration.ofMinutes(10), Duration.ofMinutes(10), 4))) {
        int count = 40;
        for (int i = 0; i < count; i++) {
          ipam.addresses().create(ns, "calls-" + i, AddressType.Auto, null, null);
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> bound(c, ns).size() == count);
        await().atMost(Duration.ofSeconds(30)).until(() -> ipam.backlog() == 0);
        // One console's workers never race each other for an address (a lost race costs a create
        // that claims nothing).
        assertThat(ipam.conflicts()).as("claims lost to this console's own workers").isZero();
        // Lease create (the claim), lease status, vmip status; the vmip was created with its
        // cleanup finalizer, so no write adds it.
        assertThat(ipam.apiCalls() - count).isEqualTo(3L * count);
        assertThat(bound(c, ns))
            .allSatisfy(
                v -> assertThat(v.getMetadata().getFinalizers()).contains(IpAddresses.FINALIZER));
        assertThat(c.resources(VirtualMachineIPAddressLease.class).list().getItems())
            .allSatisfy(l -> assertThat(l.getStatus().phase()).isEqualTo(IpLeases.BOUND));
      }
    }
  }

  private static String prepare(KubernetesClient c) {
    c.resource(
            """
        apiVersion: deckhouse.io/v1alpha1
        kind: ModuleConfig
        metadata: {name: virtualization}
        spec: {enabled: true, version: 1, settings: {virtualMachineCIDRs: ["%s"]}}
        """
                .formatted(POOL))
        .create();
    String ns = "ipam-concurrency";
    c.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    return ns;
  }

  private static void write(KubernetesClient c, String ns, String prefix, int writers, int each)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < each; i++) {
                  create(c, ns, prefix + writer + "-" + i);
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
  }

  private static void create(KubernetesClient c, String ns, String name) {
    VirtualMachineIPAddress v = new VirtualMachineIPAddress();
    v.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    v.setSpec(new VirtualMachineIPAddress.Spec(AddressType.Auto, null));
    c.resources(VirtualMachineIPAddress.class).inNamespace(ns).resource(v).create();
  }

  private static List<VirtualMachineIPAddress> all(KubernetesClient c, String ns) {
    return c.resources(VirtualMachineIPAddress.class).inNamespace(ns).list().getItems();
  }

  private static List<VirtualMachineIPAddress> bound(KubernetesClient c, String ns) {
    return all(c, ns).stream()
        .filter(v -> v.getStatus() != null && v.getStatus().address() != null)
        .toList();
  }

  private static List<VirtualMachineIPAddress> pending(KubernetesClient c, String ns) {
    return all(c, ns).stream()
        .filter(v -> v.getStatus() != null && "Pending".equals(v.getStatus().phase()))
        .toList();
  }

  /** Unique addresses; each bound vmip has exactly its one lease; every other lease is Released. */
  private static void assertConsistent(
      KubernetesClient c, String ns, long boundCount, int released) {
    List<VirtualMachineIPAddress> bound = bound(c, ns);
    assertThat(bound).hasSize((int) boundCount);
    assertThat(bound.stream().map(v -> v.getStatus().address()).distinct().count())
        .isEqualTo(boundCount);
    List<VirtualMachineIPAddressLease> leases =
        c.resources(VirtualMachineIPAddressLease.class).list().getItems();
    Map<String, List<VirtualMachineIPAddressLease>> byVmip =
        leases.stream()
            .filter(l -> l.getSpec().virtualMachineIPAddressRef().name() != null)
            .collect(Collectors.groupingBy(l -> l.getSpec().virtualMachineIPAddressRef().name()));
    Map<String, String> expected = new HashMap<>();
    bound.forEach(
        v ->
            expected.put(
                v.getMetadata().getName(), "ip-" + v.getStatus().address().replace('.', '-')));
    assertThat(byVmip.keySet()).isEqualTo(expected.keySet());
    byVmip.forEach(
        (vmip, ls) ->
            assertThat(ls)
                .singleElement()
                .satisfies(
                    l -> assertThat(l.getMetadata().getName()).isEqualTo(expected.get(vmip))));
    assertThat(
            leases.stream()
                .filter(l -> l.getSpec().virtualMachineIPAddressRef().name() == null)
                .count())
        .isEqualTo(released);
    assertThat(leases).hasSize((int) boundCount + released);
  }
}
