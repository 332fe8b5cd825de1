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

  /** No status yet: what a new VM's first write starts from. */
  public static final VirtualMachineStatus EMPTY =
      new VirtualMachineStatus(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null);

  /** This status with some fields changed; the fields not named stay as they are. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The fields the controller writes. A builder rather than withers: a reconcile changes most of
   * them at once, and the record has seventeen.
   */
  public static final class Builder {
    private final VirtualMachineStatus from;
    private String phase;
    private String nodeName;
    private String ipAddress;
    private String virtualMachineIPAddressName;
    private List<BlockDeviceStatus> blockDeviceRefs;
    private List<Condition> conditions;
    private VmStats stats;
    private MigrationState migrationState;
    private List<RestartAwaitingChange> restartAwaitingChanges;
    private VmResources resources;
    private Long observedGeneration;

    private Builder(VirtualMachineStatus from) {
      this.from = from;
      phase = from.phase;
      nodeName = from.nodeName;
      ipAddress = from.ipAddress;
      virtualMachineIPAddressName = from.virtualMachineIPAddressName;
      blockDeviceRefs = from.blockDeviceRefs;
      conditions = from.conditions;
      stats = from.stats;
      migrationState = from.migrationState;
      restartAwaitingChanges = from.restartAwaitingChanges;
      resources = from.resources;
      observedGeneration = from.observedGeneration;
    }

    public Builder phase(String phase) {
      this.phase = phase;
      return this;
    }

    /** null: the VM has no node (the field goes). */
    public Builder nodeName(String nodeName) {
      this.nodeName = nodeName;
      return this;
    }

    public Builder ipAddress(String ipAddress) {
      this.ipAddress = ipAddress;
      return this;
    }

    public Builder virtualMachineIPAddressName(String name) {
      this.virtualMachineIPAddressName = name;
      return this;
    }

    public Builder blockDeviceRefs(List<BlockDeviceStatus> blockDeviceRefs) {
      this.blockDeviceRefs = blockDeviceRefs;
      return this;
    }

    public Builder conditions(List<Condition> conditions) {
      this.conditions = conditions;
      return this;
    }

    public Builder stats(VmStats stats) {
      this.stats = stats;
      return this;
    }

    public Builder migrationState(MigrationState migrationState) {
      this.migrationState = migrationState;
      return this;
    }

    public Builder restartAwaitingChanges(List<RestartAwaitingChange> changes) {
      this.restartAwaitingChanges = changes;
      return this;
    }

    public Builder resources(VmResources resources) {
      this.resources = resources;
      return this;
    }

    public Builder observedGeneration(Long observedGeneration) {
      this.observedGeneration = observedGeneration;
      return this;
    }

    public VirtualMachineStatus build() {
      return new VirtualMachineStatus(
          phase,
          nodeName,
          ipAddress,
          virtualMachineIPAddressName,
          blockDeviceRefs,
          from.guestOSInfo,
          conditions,
          stats,
          migrationState,
          restartAwaitingChanges,
          from.virtualMachinePods,
          resources,
          from.recommendedResources,
          from.versions,
          from.networks,
          from.usbDevices,
          observedGeneration);
    }
  }

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
      String startTimestamp, String endTimestamp, Endpoint source, Endpoint target, String result) {

    /** The migration ended at the given time with the given result (Succeeded, Failed). */
    public MigrationState ended(String endTimestamp, String result) {
      return new MigrationState(startTimestamp, endTimestamp, source, target, result);
    }
  }

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
