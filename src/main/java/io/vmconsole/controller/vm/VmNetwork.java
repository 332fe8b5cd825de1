package io.vmconsole.controller.vm;

import java.util.List;

/**
 * A VM's vmip and, once bound, the guest NIC's values.
 *
 * @param vmipName the VirtualMachineIPAddress the VM uses, null until it exists
 * @param address null while there is none; then {@code pendingReason} says why
 */
public record VmNetwork(
    String vmipName,
    String address,
    int prefix,
    String gateway,
    List<String> dns,
    String pendingReason) {

  public static VmNetwork pending(String vmipName, String reason) {
    return new VmNetwork(vmipName, null, 0, null, List.of(), reason);
  }
}
