package io.vmconsole.ipam;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * What IP management needs to know of a VM.
 *
 * @param requestedIpName spec.virtualMachineIPAddressName, null when empty (an Auto vmip is made)
 * @param currentIpName status.virtualMachineIPAddressName, null when not yet set
 */
public record IpamVm(
    String namespace,
    String name,
    String uid,
    String requestedIpName,
    String currentIpName,
    boolean deleting) {

  public static IpamVm of(GenericKubernetesResource vm) {
    return new IpamVm(
        vm.getMetadata().getNamespace(),
        vm.getMetadata().getName(),
        vm.getMetadata().getUid(),
        text(vm.getAdditionalProperties().get("spec")),
        text(vm.getAdditionalProperties().get("status")),
        vm.getMetadata().getDeletionTimestamp() != null);
  }

  private static String text(Object section) {
    if (section instanceof Map<?, ?> map
        && map.get("virtualMachineIPAddressName") instanceof String s
        && !s.isBlank()) {
      return s;
    }
    return null;
  }
}
