package io.vmconsole.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmconsole.api.validation.ResourceAdmission;
import io.vmconsole.cluster.IpamObjects;
import io.vmconsole.cluster.KubernetesClients;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.cluster.embedded.EmbeddedApiServer;
import io.vmconsole.ipam.IpamProperties;
import io.vmconsole.ipam.IpamRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** A fresh embedded API server (with the real CRDs and admission) in a temporary directory. */
final class BenchServer implements AutoCloseable {
  final EmbeddedApiServer server;
  final KubernetesClient client;
  private IpamRuntime ipam;

  BenchServer() throws IOException {
    Path dir = Files.createTempDirectory("vmc-bench");
    server =
        EmbeddedApiServer.builder()
            .dataDirectory(dir)
            .port(0)
            .token("bench-token")
            .admission(new ResourceAdmission())
            .customResourceDefinitions(EmbeddedApiServer.classpathCustomResourceDefinitions())
            .build()
            .start();
    Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"));
    client =
        KubernetesClients.builder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build();
  }

  GenericKubernetesResource createVm(String namespace, String name) {
    return createVm(client, namespace, name);
  }

  /** Creates a VM (one disk, labelled tier=t0..t7) through {@code client}. */
  static GenericKubernetesResource createVm(
      KubernetesClient client, String namespace, String name) {
    // Built, not parsed from YAML: the benchmark measures the server, not the client's parser.
    GenericKubernetesResource vm = new GenericKubernetesResource();
    vm.setApiVersion("virtualization.deckhouse.io/v1alpha2");
    vm.setKind("VirtualMachine");
    vm.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withLabels(java.util.Map.of("tier", "t" + (name.hashCode() & 7)))
            .build());
    vm.setAdditionalProperty(
        "spec",
        java.util.Map.of(
            "virtualMachineClassName", "generic",
            "cpu", java.util.Map.of("cores", 1, "coreFraction", "10%"),
            "memory", java.util.Map.of("size", "256Mi"),
            "blockDeviceRefs",
                java.util.List.of(
                    java.util.Map.of("kind", "VirtualDisk", "name", name + "-root"))));
    return client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(namespace)
        .resource(vm)
        .create();
  }

  /**
   * IP management on this server, as the console runs it, with one pool of {@code cidr} unless a
   * pool is configured already (the embedded topology makes the default one); closed with the
   * server. The controller takes its addresses from {@link IpamRuntime#vmAddresses()}.
   */
  IpamRuntime startIpam(String cidr) {
    boolean configured =
        client
                .genericKubernetesResources(ResourceKinds.MODULE_CONFIG)
                .withName("virtualization")
                .get()
            != null;
    if (!configured) {
      client
          .resource(
              """
        apiVersion: deckhouse.io/v1alpha1
        kind: ModuleConfig
        metadata: {name: virtualization}
        spec: {enabled: true, version: 1, settings: {virtualMachineCIDRs: ["%s"]}}
        """
                  .formatted(cidr))
          .create();
    }
    ipam =
        new IpamRuntime(
            IpamObjects.start(client),
            new IpamProperties(Duration.ofMinutes(10), Duration.ofMinutes(1), 4));
    return ipam;
  }

  static String millis(long nanos) {
    return String.format("%.1f ms", nanos / 1e6);
  }

  static long percentile(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }

  @Override
  public void close() throws IOException {
    if (ipam != null) {
      ipam.close();
    }
    client.close();
    server.close();
  }
}
