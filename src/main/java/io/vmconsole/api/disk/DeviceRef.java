package io.vmconsole.api.disk;

/**
 * A block device named by a VM's spec, an attachment (vmbda) or a disk's data source: VirtualDisk,
 * VirtualImage (both namespaced, in the namer's namespace) or ClusterVirtualImage.
 */
public record DeviceRef(String kind, String name) {
  public static final String VIRTUAL_DISK = "VirtualDisk";
  public static final String VIRTUAL_IMAGE = "VirtualImage";
  public static final String CLUSTER_VIRTUAL_IMAGE = "ClusterVirtualImage";

  public boolean isVirtualDisk() {
    return VIRTUAL_DISK.equals(kind);
  }

  public boolean isClusterScoped() {
    return CLUSTER_VIRTUAL_IMAGE.equals(kind);
  }

  /** "kind name", as messages name it. */
  @Override
  public String toString() {
    return kind + " " + name;
  }
}
