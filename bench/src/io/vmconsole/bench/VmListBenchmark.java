package io.vmconsole.bench;

import io.vmconsole.cluster.ResourceCache;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.security.Access;
import io.vmconsole.security.ConsoleUser;
import io.vmconsole.security.Role;
import io.vmconsole.security.UserAccount;
import io.vmconsole.vm.VirtualMachineService;
import io.vmconsole.vm.VmQuery;
import io.vmconsole.vm.VmSort;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The VM list at 10,000 VMs: informer initial sync, then the list's first page and filtered pages
 * as server time (what the grid's data provider costs per request: a page, and every matching row
 * for the count, which the list keeps to tell a change in place from one that moves rows), median
 * of repeated runs.
 */
public final class VmListBenchmark {
  private static final int VMS = Integer.getInteger("vms", 10_000);

  public static void main(String[] args) throws Exception {
    try (BenchServer api = new BenchServer()) {
      for (int i = 0; i < VMS; i++) {
        api.createVm("default", "vm-" + i);
        if (i % 3 == 0) {
          int n = i;
          api.client
              .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
              .inNamespace("default")
              .withName("vm-" + n)
              .editStatus(
                  vm -> {
                    vm.setAdditionalProperty("status", Map.of("phase", "Running"));
                    return vm;
                  });
        }
      }
      long t0 = System.nanoTime();
      ResourceCache cache = new ResourceCache(api.client, ResourceKinds.VIRTUAL_MACHINE);
      cache.start();
      System.out.printf(
          "informer initial sync of %d VMs: %s%n",
          cache.list().size(), BenchServer.millis(System.nanoTime() - t0));
      // Access answers from the stored account, as in the console.
      io.vmconsole.security.UserStore users =
          new io.vmconsole.security.UserStore(
              java.nio.file.Files.createTempDirectory("bench-users").resolve("users.json"));
      ConsoleUser admin =
          new ConsoleUser(users.save(new UserAccount("admin", "x", Role.ADMIN, List.of())), false);
      SecurityContextHolder.getContext()
          .setAuthentication(
              UsernamePasswordAuthenticationToken.authenticated(
                  admin, null, admin.getAuthorities()));
      long t1 = System.nanoTime();
      // The stored-object rules run once per change, not per page: include them as the console
      // does.
      io.vmconsole.api.validation.ResourceAdmission rules =
          new io.vmconsole.api.validation.ResourceAdmission();
      VirtualMachineService vms =
          new VirtualMachineService(
              cache,
              new Access(users),
              vm ->
                  rules
                      .review(
                          new io.vmconsole.api.admission.AdmissionRequest(
                              io.vmconsole.api.admission.AdmissionRequest.Operation.CREATE,
                              "virtualization.deckhouse.io",
                              "v1alpha2",
                              "VirtualMachine",
                              "default",
                              "x",
                              null,
                              ((com.fasterxml.jackson.databind.node.ObjectNode) vm).deepCopy(),
                              null))
                      .errors()
                      .stream()
                      .map(e -> e.message())
                      .toList(),
              (ns, uid, name) -> java.util.List.of());
      System.out.printf(
          "list model built from the cache: %s (%d rows)%n",
          BenchServer.millis(System.nanoTime() - t1), vms.rows(VmQuery.ALL).size());
      report(
          "first page (50 rows, by name)",
          () ->
              vms.find(VmQuery.ALL, 0, 50, VmSort.NAME, false).size()
                  + vms.rows(VmQuery.ALL).size());
      report(
          "filter phase=Running",
          () ->
              vms.find(new VmQuery(null, "Running", null), 0, 50, VmSort.NAME, false).size()
                  + vms.rows(new VmQuery(null, "Running", null)).size());
      report(
          "text search 'vm-12'",
          () ->
              vms.find(new VmQuery(null, null, "vm-12"), 0, 50, VmSort.NAME, false).size()
                  + vms.rows(new VmQuery(null, null, "vm-12")).size());
      report(
          "label search 'tier=t3'",
          () ->
              vms.find(new VmQuery(null, null, "tier=t3"), 0, 50, VmSort.NAME, false).size()
                  + vms.rows(new VmQuery(null, null, "tier=t3")).size());
      cache.close();
    }
  }

  private static void report(String what, Supplier<Integer> run) {
    for (int i = 0; i < 20; i++) {
      run.get();
    }
    long[] times = new long[50];
    for (int i = 0; i < times.length; i++) {
      long t = System.nanoTime();
      run.get();
      times[i] = System.nanoTime() - t;
    }
    System.out.printf(
        "%-32s median %s, p95 %s%n",
        what + ":",
        BenchServer.millis(BenchServer.percentile(times, 0.5)),
        BenchServer.millis(BenchServer.percentile(times, 0.95)));
  }
}
