package io.vmconsole.bench;

import com.microsoft.playwright.Page;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.Application;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.controller.Controller;
import io.vmconsole.controller.vm.IpamNetworks;
import io.vmconsole.ipam.VmAddresses;
import io.vmconsole.security.Role;
import io.vmconsole.security.UserAccount;
import io.vmconsole.security.UserStore;
import io.vmconsole.testsupport.Browsers;
import io.vmconsole.testsupport.SimulatedHypervisor;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console at rest: 20 VMs Running on two {@link SimulatedHypervisor}s (driven by a controller
 * in this process, the console's own agents and controller being off) and 5 browser pages on the VM
 * list, left alone. Prints the bytes the JVM's threads allocate per second, by thread group, over
 * {@code seconds} (default 60) after a 20 s settling time. With a baseline figure (the same
 * benchmark run on the build before, in the same sitting) it prints the ratio and exits 1 below 5.
 * Run: {@code EXTRA_PROFILES=production bench/run.sh ConsoleIdleBenchmark [baseline-MB/s]
 * [seconds]}.
 */
public final class ConsoleIdleBenchmark {
  private static final int VMS = 20;
  private static final int PAGES = 5;

  public static void main(String[] args) throws Exception {
    Double baseline = args.length > 0 && !args[0].isBlank() ? Double.valueOf(args[0]) : null;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    Path data = Files.createTempDirectory(Path.of("/tmp"), "vci");
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(Application.class)
            .run(
                "--server.port=0",
                "--vmconsole.data-dir=" + data,
                "--vmconsole.security.initial-admin-password=bench-admin",
                "--vaadin.launch-browser=false",
                "--vmconsole.topology.enabled=false",
                "--vmconsole.controller.enabled=false");
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    String base = "http://localhost:" + port;
    Map<String, SimulatedHypervisor> agents = SimulatedHypervisor.hosts(2);
    KubernetesClient client = app.getBean(KubernetesClient.class);
    ClusterResources cluster = app.getBean(ClusterResources.class);
    for (String node : agents.keySet()) {
      node(client, node);
    }
    applyIfAbsent(
        client,
        ResourceKinds.VIRTUAL_MACHINE_CLASS,
        null,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineClass
        metadata: {name: generic}
        spec: {cpu: {type: Host}}
        """);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("idle").endMetadata().build())
        .create();
    app.getBean(UserStore.class)
        .save(
            new UserAccount(
                "bench-admin",
                app.getBean(PasswordEncoder.class).encode("bench-pass"),
                Role.ADMIN,
                List.of()));
    try (Controller controller =
        new Controller(
            cluster,
            n -> Optional.ofNullable(agents.get(n)),
            new IpamNetworks(app.getBean(VmAddresses.class)),
            List.copyOf(agents.keySet()),
            true,
            4)) {
      controller.start();
      for (int i = 0; i < VMS; i++) {
        applyIfAbsent(
            client,
            ResourceKinds.VIRTUAL_DISK,
            "idle",
            """
            apiVersion: virtualization.deckhouse.io/v1alpha2
            kind: VirtualDisk
            metadata: {name: vm-%d-root}
            spec: {persistentVolumeClaim: {size: 1Gi}}
            """
                .formatted(i));
        applyIfAbsent(
            client,
            ResourceKinds.VIRTUAL_MACHINE,
            "idle",
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
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (running(client) < VMS) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the VMs did not all reach Running within 2 minutes");
        }
        Thread.sleep(250);
      }
      List<Page> pages = new ArrayList<>();
      for (int p = 0; p < PAGES; p++) {
        Page page = Browsers.chromium().newContext().newPage();
        Browsers.logIn(page, base, "bench-admin", "bench-pass");
        page.navigate(base + "/vms");
        page.locator("vaadin-grid").first().waitFor();
        pages.add(page);
      }
      System.out.printf(
          "%d VMs Running on %d simulated hypervisors, %d list pages open; settling 20 s%n",
          VMS, agents.size(), PAGES);
      Thread.sleep(20_000);
      Map<Long, String> names = new HashMap<>();
      Map<Long, Long> before = allocated(names);
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      Map<Long, Long> after = allocated(names);
      double elapsed = (System.nanoTime() - t0) / 1e9;
      Map<String, Long> byGroup = new TreeMap<>();
      long total = 0;
      for (Map.Entry<Long, Long> e : after.entrySet()) {
        long bytes = e.getValue() - before.getOrDefault(e.getKey(), 0L);
        total += bytes;
        byGroup.merge(group(names.get(e.getKey())), bytes, Long::sum);
      }
      double rate = total / elapsed / 1e6;
      System.out.printf("allocation rate, idle: %.1f MB/s over %.0f s%n", rate, elapsed);
      long all = total;
      byGroup.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(8)
          .forEach(
              e ->
                  System.out.printf(
                      "  %-36s %7.1f MB/s (%4.1f%%)%n",
                      e.getKey(),
                      e.getValue() / elapsed / 1e6,
                      100.0 * e.getValue() / Math.max(1, all)));
      pages.forEach(p -> p.context().close());
      if (baseline != null) {
        new Goals()
            .atLeast(
                "idle allocation rate: baseline " + baseline + " MB/s / this build",
                baseline / rate,
                5,
                "×")
            .report();
      }
    } finally {
      app.close();
      System.exit(0);
    }
  }

  private static long running(KubernetesClient client) {
    return client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace("idle")
        .list()
        .getItems()
        .stream()
        .filter(
            vm ->
                "Running"
                    .equals(
                        Serialization.jsonMapper()
                            .valueToTree(vm)
                            .path("status")
                            .path("phase")
                            .asText()))
        .count();
  }

  /** Bytes allocated so far by each live thread; remembers the threads' names. */
  private static Map<Long, Long> allocated(Map<Long, String> names) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Map<Long, Long> result = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long bytes = threads.getThreadAllocatedBytes(t.getId());
      if (bytes >= 0) {
        result.put(t.getId(), bytes);
        names.putIfAbsent(t.getId(), t.getName());
      }
    }
    return result;
  }

  /** Threads of one pool as one figure: numbers dropped from the name. */
  private static String group(String name) {
    return name == null ? "?" : name.replaceAll("\\d+", "N");
  }

  private static void node(KubernetesClient client, String node) {
    if (client.nodes().withName(node).get() == null) {
      client
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
    }
    client
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
                          new io.fabric8.kubernetes.api.model.Quantity("64"),
                          "memory",
                          new io.fabric8.kubernetes.api.model.Quantity("256Gi")));
              return n;
            });
  }

  private static void applyIfAbsent(
      KubernetesClient client,
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
      String namespace,
      String yaml) {
    GenericKubernetesResource r = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    var ops = client.genericKubernetesResources(kind);
    var named =
        namespace == null
            ? ops.withName(r.getMetadata().getName())
            : ops.inNamespace(namespace).withName(r.getMetadata().getName());
    if (named.get() == null) {
      (namespace == null ? ops.resource(r) : ops.inNamespace(namespace).resource(r)).create();
    }
  }
}
