package io.vmconsole.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A VM as the controller asks a node agent to define it (node-agent/API.md "VM spec"). What the
 * agent reports back (AgentVm) is its own rendering, with bytes and ids filled in; the controller
 * sends this and forwards that.
 *
 * @param coreFraction a percentage, e.g. "20%"
 * @param memoryBytes the guest's RAM: the agent takes integers only, quantities are parsed here
 * @param disks the spec's devices in boot order, then the hot-plugged ones the VM boots with
 * @param provisioning null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentVmSpec(
    String name,
    String namespace,
    int cores,
    String coreFraction,
    long memoryBytes,
    List<AgentDisk> disks,
    Nic nic,
    Ssh ssh,
    Provisioning provisioning) {

  /** The guest's one network interface, its address from IP management. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Nic(String address, int prefix, String gateway, List<String> dns) {}

  /** Whether the agent forwards a host port to the guest's ssh. */
  public record Ssh(boolean forward) {}

  /** The first-boot data: cloud-init user data, or a Windows answer file. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Provisioning(String type, String userData, String unattend) {
    public static Provisioning cloudInit(String userData) {
      return new Provisioning("cloudInit", userData, null);
    }

    public static Provisioning sysprep(String unattend) {
      return new Provisioning("sysprep", null, unattend);
    }
  }
}
