package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Merge-patches the two address fields of a VM's status, leaving the rest to the VM's own writer. */
public class VmStatusWrites {
  private final KubernetesClient client;

  public VmStatusWrites(KubernetesClient client) {
    this.client = client;
  }

  public void writeAddress(String namespace, String name, String ipAddress, String vmipName) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("ipAddress", ipAddress);
    status.put("virtualMachineIPAddressName", vmipName);
    try {
      client.genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE).inNamespace(namespace).withName(name)
          .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
              io.fabric8.kubernetes.client.utils.Serialization.asJson(Map.of("status", status)));
    } catch (KubernetesClientException e) {
      IpLeases.ignoreNotFound(e);
    }
  }
}
