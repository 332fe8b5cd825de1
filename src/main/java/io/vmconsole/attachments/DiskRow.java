package io.vmconsole.attachments;

/**
 * One block device of a VM as its page shows it: from the VM's status.blockDeviceRefs, with the
 * phase (and why) of the attachment (vmbda) that hot-plugs it.
 *
 * @param attachment the vmbda's name; null for a device of the VM's spec
 */
public record DiskRow(
    String kind,
    String name,
    String size,
    String target,
    boolean attached,
    boolean hotplugged,
    String attachment,
    String phase,
    String message) {}
