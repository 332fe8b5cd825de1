package io.vmconsole.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.api.validation.ResourceAdmission;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.cluster.embedded.EmbeddedApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A fresh embedded API server (with the real CRDs and admission) in a temporary directory. */
final class BenchServer implements AutoCloseable {
  final EmbeddedApiServer server;
  final KubernetesClient client;

  BenchServer() throws IOException {
    Path dir = Files.createTempDirectory("vmc-bench");
    server = EmbeddedApiServer.builder().dataDirectory(dir).port(0).token("bench-token")
        .admission(new ResourceAdmission())
        .customResourceDefinitions(EmbeddedApiServer.classpathCustomResourceDefinitions())
        .build().start();
    Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"));
    client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
  }

  GenericKubernetesResource createVm(String namespace, String name) {
    GenericKubernetesResource vm = Serialization.unmarshal("""
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata: {name: %s, labels: {tier: t%d}}
        spec:
          virtualMachineClassName: generic
          cpu: {cores: 1, coreFraction: 10%%}
          memory: {size: 256Mi}
          blockDeviceRefs: [{kind: VirtualDisk, name: %s-root}]
        """.formatted(name, name.hashCode() & 7, name), GenericKubernetesResource.class);
    return client.genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE).inNamespace(namespace)
        .resource(vm).create();
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
    client.close();
    server.close();
  }
}
