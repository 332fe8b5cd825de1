package io.vmconsole.testsupport;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;
import java.time.Duration;
import java.util.Map;

/**
 * A running VM with nothing to boot (a blank disk): real QEMU with live serial and VNC consoles in
 * seconds, for tests about who may reach a console rather than about the guest. runPolicy Manual,
 * started by a Start operation, so a refused Stop leaves it Running.
 */
public final class FirmwareVm {
  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  private FirmwareVm(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /** A blank 64Mi VirtualDisk: something to boot from or to attach, with no image to copy. */
  public static void blankDisk(KubernetesClient client, String namespace, String name) {
    create(
        client,
        ResourceKinds.VIRTUAL_DISK,
        namespace,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualDisk
        metadata:
          name: %s
        spec:
          persistentVolumeClaim:
            size: 64Mi
        """
            .formatted(name));
  }

  public static FirmwareVm running(KubernetesClient client, String namespace, String name) {
    blankDisk(client, namespace, name + "-blank");
    create(
        client,
        ResourceKinds.VIRTUAL_MACHINE,
        namespace,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata:
          name: %1$s
        spec:
          virtualMachineClassName: generic
          runPolicy: Manual
          cpu:
            cores: 1
            coreFraction: 10%%
          memory:
            size: 128Mi
          blockDeviceRefs:
            - kind: VirtualDisk
              name: %1$s-blank
        """
            .formatted(name));
    create(
        client,
        ResourceKinds.VIRTUAL_MACHINE_OPERATION,
        namespace,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineOperation
        metadata:
          name: %1$s-start
        spec:
          virtualMachineName: %1$s
          type: Start
        """
            .formatted(name));
    FirmwareVm vm = new FirmwareVm(client, namespace, name);
    await(name + " Running")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> "Running".equals(vm.phase()));
    return vm;
  }

  public String name() {
    return name;
  }

  /** The VM's phase, or null once it is gone. */
  public String phase() {
    GenericKubernetesResource vm =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace(namespace)
            .withName(name)
            .get();
    if (vm == null) {
      return null;
    }
    return vm.getAdditionalProperties().get("status") instanceof Map<?, ?> status
        ? (String) status.get("phase")
        : "";
  }

  /** The console WebSocket path, as the page opens it. */
  public String console(String kind, String mode) {
    return "/console-ws/" + kind + "/" + namespace + "/" + name + "?mode=" + mode;
  }

  /** Deletes VM and disk and waits until the VM is gone (its QEMU with it). */
  public void delete() {
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(namespace)
        .withName(name)
        .delete();
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
        .inNamespace(namespace)
        .withName(name + "-blank")
        .delete();
    await(name + " deleted")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> phase() == null);
  }

  private static void create(
      KubernetesClient client,
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
      String namespace,
      String yaml) {
    client
        .genericKubernetesResources(kind)
        .inNamespace(namespace)
        .resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class))
        .create();
  }
}
