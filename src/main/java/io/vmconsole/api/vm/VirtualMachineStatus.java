package io.vmconsole.api.vm;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;

/**
 * The observed state of a virtual machine (api.md §1.2). Phases stay strings: a newer controller
 * may report a phase this console does not know yet, and reading it must not fail.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VirtualMachineStatus(
    String phase,
    String nodeName,
    String ipAddress,
    String virtualMachineIPAddressName,
    List<BlockDeviceStatus> blockDeviceRefs,
    GuestOsInfo guestOSInfo,
    List<Condition> conditions,
    VmStats stats,
    MigrationState migrationState,
    List<RestartAwaitingChange> restartAwaitingChanges,
    List<VmPod> virtualMachinePods,
    VmResources resources,
    RecommendedResources recommendedResources,
    Versions versions,
    List<NetworkStatus> networks,
    List<UsbDeviceStatus> usbDevices,
    Long observedGeneration) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BlockDeviceStatus(
      String kind,
      String name,
      String size,
      Boolean attached,
      String target,
      Boolean hotplugged,
      String virtualMachineBlockDeviceAttachmentName,
      Integer bootOrder) {}

  /** KubeVirt's guest-agent report, as it passes through. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GuestOsInfo(
      String name,
      String id,
      String prettyName,
      String version,
      String versionId,
      String kernelRelease,
      String kernelVersion,
      String machine) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MigrationState(
      String startTimestamp,
      String endTimestamp,
      Endpoint source,
      Endpoint target,
      String result) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Endpoint(String node, String pod) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VmPod(String name, Boolean active) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VmResources(CpuStatus cpu, MemoryStatus memory) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CpuStatus(
      Integer cores,
      String coreFraction,
      String requestedCores,
      String runtimeOverhead,
      Topology topology) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Topology(Integer sockets, Integer coresPerSocket) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MemoryStatus(Quantity size, Quantity runtimeOverhead) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RecommendedResources(RecommendedCpu cpu) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RecommendedCpu(String coreFraction) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Versions(String qemu, String libvirt) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NetworkStatus(
      Integer id,
      String type,
      String name,
      String macAddress,
      String virtualMachineMACAddressName,
      String ipAddress) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UsbDeviceStatus(
      String name, Boolean attached, Boolean ready, UsbAddress address, Boolean hotplugged) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UsbAddress(Integer bus, Integer port) {}
}
