package io.vmconsole.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.api.validation.ResourceAdmission;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.IpamObjects;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.cluster.embedded.EmbeddedApiServer;
import io.vmconsole.controller.Controller;
import io.vmconsole.controller.vm.IpamNetworks;
import io.vmconsole.ipam.IpamProperties;
import io.vmconsole.ipam.IpamRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The console's control plane without QEMU, for reconciler unit tests: the embedded API server in
 * this process (real CRDs and admission, over HTTP through fabric8), IP management, and the
 * controller driving {@link SimulatedHypervisor}s on node-1 … node-n. Tests isolate themselves by
 * namespace.
 */
public final class SimulatedControlPlane implements AutoCloseable {
  private static final Map<String, ResourceDefinitionContext> KINDS =
      Map.of(
          "VirtualMachine", ResourceKinds.VIRTUAL_MACHINE,
          "VirtualDisk", ResourceKinds.VIRTUAL_DISK,
          "VirtualMachineOperation", ResourceKinds.VIRTUAL_MACHINE_OPERATION,
          "VirtualMachineClass", ResourceKinds.VIRTUAL_MACHINE_CLASS);

  public final KubernetesClient client;
  public final Map<String, SimulatedHypervisor> hosts;
  private final EmbeddedApiServer server;
  private final ClusterResources cluster;
  private final IpamRuntime ipam;
  private final Controller controller;

  public SimulatedControlPlane(int nodes) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "simulated-");
    server =
        EmbeddedApiServer.builder()
            .dataDirectory(dir)
            .port(0)
            .token("simulated-" + UUID.randomUUID())
            .admission(new ResourceAdmission())
            .customResourceDefinitions(EmbeddedApiServer.classpathCustomResourceDefinitions())
            .build()
            .start();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                Config.fromKubeconfig(
                    Files.readString(server.writeKubeconfig(dir.resolve("kubeconfig")))))
            .build();
    hosts = SimulatedHypervisor.hosts(nodes);
    for (String node : hosts.keySet()) {
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
                  Node.class))
          .create();
      client
          .nodes()
          .withName(node)
          .editStatus(
              n -> {
                n.setStatus(n.getStatus() == null ? new NodeStatus() : n.getStatus());
                n.getStatus()
                    .setAllocatable(
                        Map.of("cpu", new Quantity("8"), "memory", new Quantity("16Gi")));
                return n;
              });
    }
    apply(
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineClass
        metadata: {name: generic}
        spec: {cpu: {type: Host}}
        """);
    client
        .resource(
            """
        apiVersion: deckhouse.io/v1alpha1
        kind: ModuleConfig
        metadata: {name: virtualization}
        spec: {enabled: true, version: 1, settings: {virtualMachineCIDRs: ["10.90.0.0/16"]}}
        """)
        .create();
    cluster = new ClusterResources(client);
    ipam =
        new IpamRuntime(
            IpamObjects.start(client),
            new IpamProperties(Duration.ofMinutes(10), Duration.ofMinutes(1), 2));
    controller =
        new Controller(
            cluster,
            node -> Optional.ofNullable(hosts.get(node)),
            new IpamNetworks(ipam.vmAddresses()),
            List.copyOf(hosts.keySet()),
            true,
            2);
    controller.start();
  }

  public SimulatedHypervisor host(String node) {
    return hosts.get(node);
  }

  /** A fresh namespace for one test. */
  public String namespace(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  /**
   * Creates the object the YAML describes (kind from its text) in the namespace (null:
   * cluster-scoped).
   */
  public void create(String namespace, String yaml) {
    GenericKubernetesResource object =
        Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    var ops = client.genericKubernetesResources(KINDS.get(object.getKind()));
    (namespace == null ? ops.resource(object) : ops.inNamespace(namespace).resource(object))
        .create();
  }

  private void apply(String yaml) {
    create(null, yaml);
  }

  /** A VM of one core and 256 MiB with a blank 1 GiB root disk, in the namespace. */
  public void vm(String namespace, String name, String extraSpec) {
    create(
        namespace,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualDisk
        metadata: {name: %s-root}
        spec: {persistentVolumeClaim: {size: 1Gi}}
        """
            .formatted(name));
    create(
        namespace,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata: {name: %s}
        spec:
          virtualMachineClassName: generic
          cpu: {cores: 1, coreFraction: 10%%}
          memory: {size: 256Mi}
          blockDeviceRefs: [{kind: VirtualDisk, name: %s-root}]
        %s"""
            .formatted(name, name, extraSpec.isEmpty() ? "" : "  " + extraSpec + "\n"));
  }

  /** An operation on the VM; its name is returned. */
  public String operation(String namespace, String vm, String type, String extraSpec) {
    String name = type.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
    create(
        namespace,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineOperation
        metadata: {name: %s}
        spec: {type: %s, virtualMachineName: %s%s}
        """
            .formatted(name, type, vm, extraSpec.isEmpty() ? "" : ", " + extraSpec));
    return name;
  }

  /** The object as stored now, as JSON (missing when absent). */
  public JsonNode get(String kind, String namespace, String name) {
    GenericKubernetesResource found =
        client
            .genericKubernetesResources(KINDS.get(kind))
            .inNamespace(namespace)
            .withName(name)
            .get();
    return found == null
        ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : Serialization.jsonMapper().valueToTree(found);
  }

  public JsonNode vmStatus(String namespace, String name) {
    return get("VirtualMachine", namespace, name).path("status");
  }

  /** Waits until the VM runs (phase Running) and answers its node. */
  public String awaitRunning(String namespace, String name) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> vmStatus(namespace, name).path("phase").asText().equals("Running"));
    return vmStatus(namespace, name).path("nodeName").asText();
  }

  /** The VM's uid: the agents' id of it. */
  public String uid(String namespace, String name) {
    return get("VirtualMachine", namespace, name).path("metadata").path("uid").asText();
  }

  @Override
  public void close() throws Exception {
    controller.close();
    ipam.close();
    cluster.close();
    client.close();
    server.close();
  }
}
