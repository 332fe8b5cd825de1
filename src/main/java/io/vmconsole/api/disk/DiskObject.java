package io.vmconsole.api.disk;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.validation.Quantities;
import java.math.BigDecimal;
import java.util.Optional;

/** A stored VirtualDisk read through typed accessors. */
public final class DiskObject extends StoredObject {
  /**
   * On a node-local disk: the node its first VM was placed on, where the disk is then created (as
   * the scheduler's volume.kubernetes.io/selected-node on a WaitForFirstConsumer claim).
   */
  public static final String SELECTED_NODE = "vmconsole.io/selected-node";

  private DiskObject(JsonNode json) {
    super(json);
  }

  public static DiskObject of(JsonNode json) {
    return new DiskObject(json);
  }

  /** spec.persistentVolumeClaim.storageClassName; null when absent. */
  public String storageClassName() {
    return json.path("spec").path("persistentVolumeClaim").path("storageClassName").asText(null);
  }

  /** In a node's local pool (storage class "local"): it can be used on that node only. */
  public boolean isNodeLocal() {
    return StorageClasses.isNodeLocal(storageClassName());
  }

  /**
   * The node of a node-local disk once its first VM was placed; empty when shared or not yet
   * placed.
   */
  public Optional<String> localNode() {
    return isNodeLocal() ? annotation(SELECTED_NODE) : Optional.empty();
  }

  /** spec.persistentVolumeClaim.size in bytes; empty when absent or not a quantity. */
  public Optional<Long> sizeBytes() {
    return Quantities.parse(json.path("spec").path("persistentVolumeClaim").path("size"))
        .map(BigDecimal::longValue);
  }

  /** The image an ObjectRef data source names; empty for a blank disk or another source. */
  public Optional<DeviceRef> sourceImage() {
    JsonNode source = json.path("spec").path("dataSource");
    if (!source.path("type").asText("").equals("ObjectRef")) {
      return Optional.empty();
    }
    JsonNode ref = source.path("objectRef");
    return Optional.of(new DeviceRef(ref.path("kind").asText(), ref.path("name").asText()));
  }

  /** status.phase; "Pending" before the controller wrote one. */
  public String phase() {
    String phase = statusText("phase");
    return phase.isEmpty() ? "Pending" : phase;
  }

  public boolean isReady() {
    return "Ready".equals(statusText("phase"));
  }

  /** status.capacity (a quantity); empty until the disk exists. */
  public Optional<String> capacity() {
    String capacity = statusText("capacity");
    return capacity.isEmpty() ? Optional.empty() : Optional.of(capacity);
  }

  /**
   * The VMs that run with the disk now (status.attachedToVirtualMachines, mounted): a disk is
   * written by one QEMU at a time.
   */
  public java.util.List<String> mountedBy() {
    var attached = status().attachedToVirtualMachines();
    return attached == null
        ? java.util.List.of()
        : attached.stream()
            .filter(a -> Boolean.TRUE.equals(a.mounted()))
            .map(VirtualDiskStatus.AttachedVm::name)
            .toList();
  }

  /**
   * Another VM that runs with this disk, as a VM that refers to it is told: "VirtualDisk d is in
   * use by VirtualMachine x"; empty when none but {@code vmName} does.
   */
  public java.util.Optional<String> inUseByAnother(String vmName) {
    return mountedBy().stream()
        .filter(n -> !n.equals(vmName))
        .findFirst()
        .map(n -> "VirtualDisk " + name() + " is in use by VirtualMachine " + n);
  }

  /** The status as written (every field null before the first write). */
  public VirtualDiskStatus status() {
    return statusAs(VirtualDiskStatus.class);
  }
}
