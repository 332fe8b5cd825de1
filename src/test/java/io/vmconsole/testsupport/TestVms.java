package io.vmconsole.testsupport;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;

/** VirtualMachine objects for tests, written through the API like any client would. */
public final class TestVms {
  private TestVms() {}

  public static GenericKubernetesResource create(
      KubernetesClient client, String namespace, String name) {
    String yaml =
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata:
          name: %s
          namespace: %s
          labels:
            tier: test
        spec:
          virtualMachineClassName: generic
          runPolicy: Manual
          cpu:
            cores: 1
            coreFraction: 10%%
          memory:
            size: 256Mi
          blockDeviceRefs:
            - kind: VirtualDisk
              name: %s-root
        """
            .formatted(name, namespace, name);
    return createFromYaml(client, namespace, yaml);
  }

  public static GenericKubernetesResource createFromYaml(
      KubernetesClient client, String namespace, String yaml) {
    GenericKubernetesResource vm = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    return client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(namespace)
        .resource(vm)
        .create();
  }

  /**
   * Changes the runPolicy. The VMs of {@link #create} lack their disk, so the controller answers
   * without booting anything: Manual or AlwaysOff → Stopped, AlwaysOn → Pending (waiting for the
   * disk).
   */
  public static void setRunPolicy(
      KubernetesClient client, String namespace, String name, String runPolicy) {
    // A merge patch without resourceVersion, as kubectl patch sends it: the controller writes the
    // VM meanwhile.
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(namespace)
        .withName(name)
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"spec\":{\"runPolicy\":\"" + runPolicy + "\"}}");
  }

  public static void setLabel(
      KubernetesClient client, String namespace, String name, String key, String value) {
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(namespace)
        .withName(name)
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"" + key + "\":\"" + value + "\"}}}");
  }

  public static void delete(KubernetesClient client, String namespace, String name) {
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(namespace)
        .withName(name)
        .delete();
  }
}
