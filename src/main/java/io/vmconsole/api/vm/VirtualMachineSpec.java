package io.vmconsole.api.vm;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;

/**
 * The desired state of a virtual machine (api.md §1.1). Absent fields stay absent on a round trip.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VirtualMachineSpec(
    RunPolicy runPolicy,
    String virtualMachineIPAddressName,
    @Required @Size(min = 1) String virtualMachineClassName,
    @Required Cpu cpu,
    @Required Memory memory,
    @Required @Size(min = 1, max = 16) List<BlockDeviceRef> blockDeviceRefs,
    Provisioning provisioning,
    Disruptions disruptions,
    Long terminationGracePeriodSeconds,
    Boolean enableParavirtualization,
    OsType osType,
    Bootloader bootloader,
    LiveMigrationPolicy liveMigrationPolicy,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    String priorityClassName,
    VmAffinity affinity,
    List<TopologySpreadConstraint> topologySpreadConstraints,
    List<Network> networks,
    @Size(max = 8) List<UsbDeviceRef> usbDevices,
    @Size(max = 16) List<GpuRef> gpus) {

  public enum RunPolicy {
    AlwaysOn,
    AlwaysOff,
    Manual,
    AlwaysOnUnlessStoppedManually
  }

  public enum OsType {
    Windows,
    Generic,
    Legacy
  }

  public enum Bootloader {
    BIOS,
    EFI,
    EFIWithSecureBoot
  }

  /** The installed CRD lists these four; the Go type's Manual and Never are not served. */
  public enum LiveMigrationPolicy {
    AlwaysSafe,
    PreferSafe,
    AlwaysForced,
    PreferForced
  }

  public enum RestartApprovalMode {
    Manual,
    Automatic
  }

  public enum BlockDeviceKind {
    ClusterVirtualImage,
    VirtualImage,
    VirtualDisk
  }

  public enum NetworkType {
    Main,
    Network,
    ClusterNetwork
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cpu(
      @Required @Min(1) @Max(248) Integer cores,
      @Pattern("^(Auto|(100|[1-9][0-9]?)%)$") String coreFraction) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Memory(@Required Quantity size) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BlockDeviceRef(
      @Required BlockDeviceKind kind,
      @Required @Size(min = 1) @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$") String name,
      @Min(1) Integer bootOrder) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Disruptions(RestartApprovalMode restartApprovalMode) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Network(
      @Required NetworkType type,
      String name,
      @Min(1) @Max(16383) Integer id,
      String virtualMachineMACAddressName,
      String ipAddressName) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UsbDeviceRef(@Required String name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GpuRef(@Required String gpuClassName) {}

  /**
   * Only the field that matches {@code type} may be set; the CEL rules say so to the API server.
   */
  @ValidationRule(
      value = "!has(self.userData) || self.type == 'UserData'",
      message = "userData is only allowed with type UserData")
  @ValidationRule(
      value = "!has(self.userDataRef) || self.type == 'UserDataRef'",
      message = "userDataRef is only allowed with type UserDataRef")
  @ValidationRule(
      value = "!has(self.sysprepRef) || self.type == 'SysprepRef'",
      message = "sysprepRef is only allowed with type SysprepRef")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Provisioning(
      @Required ProvisioningType type,
      @Size(max = 2048) String userData,
      SecretRef userDataRef,
      SecretRef sysprepRef) {}

  public enum ProvisioningType {
    UserData,
    UserDataRef,
    SysprepRef
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SecretRef(@Required SecretKind kind, @Required @Size(min = 1) String name) {}

  public enum SecretKind {
    Secret
  }
}
