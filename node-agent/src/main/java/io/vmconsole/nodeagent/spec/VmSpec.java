package io.vmconsole.nodeagent.spec;

import java.util.List;

/**
 * What a VM is made of, as the console sends it ({@code PUT /v1/vms/{vmId}}); always valid once
 * built by {@link SpecParser}. Memory is bytes, coreFraction a percentage of each core.
 */
public record VmSpec(
    String name,
    String namespace,
    int cores,
    int coreFraction,
    long memoryBytes,
    List<Disk> disks,
    Provisioning provisioning,
    Nic nic,
    Ssh ssh) {

  public VmSpec {
    disks = List.copyOf(disks);
  }

  /**
   * A block device; list position is boot order. {@code nodeName} is the QEMU format node-name (the
   * stable name hotplug and migration address); its file node is {@code nodeName + "-file"} and the
   * guest device id {@code "dev-" + nodeName}. {@code scsiId} is the disk's SCSI target on the
   * controller: fixed for the life of a QEMU and reported in the running spec, so a migration
   * target (started from that spec) builds the same device addresses, hot-plugged disks included.
   */
  public record Disk(
      String id,
      String nodeName,
      String path,
      String format,
      boolean readOnly,
      String media,
      Integer scsiId) {
    /**
     * A disk whose SCSI target the agent picks (list position at start, lowest free at hotplug).
     */
    public Disk(
        String id, String nodeName, String path, String format, boolean readOnly, String media) {
      this(id, nodeName, path, format, readOnly, media, null);
    }

    public Disk withScsiId(int scsiId) {
      return new Disk(id, nodeName, path, format, readOnly, media, scsiId);
    }

    public boolean cdrom() {
      return "cdrom".equals(media);
    }

    public String fileNode() {
      return nodeName + "-file";
    }

    public String deviceId() {
      return "dev-" + nodeName;
    }
  }

  /**
   * @param type "cloudInit" (NoCloud seed) or "sysprep" (answer file on a CD)
   */
  public record Provisioning(
      String type, String userData, String metaData, String networkConfig, String unattend) {}

  /** One NIC; the agent renders the guest's network-config from it. */
  public record Nic(String address, int prefix, String gateway, List<String> dns, String mac) {
    public Nic {
      dns = List.copyOf(dns);
    }
  }

  public record Ssh(boolean forward) {}
}
