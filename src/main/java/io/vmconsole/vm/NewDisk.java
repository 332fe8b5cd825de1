package io.vmconsole.vm;

/**
 * A VirtualDisk the create form makes together with the VM, from an image.
 *
 * @param imageKind ClusterVirtualImage or VirtualImage
 * @param size the disk's size, or blank for the image's own
 */
public record NewDisk(String name, String imageKind, String imageName, String size) {}
