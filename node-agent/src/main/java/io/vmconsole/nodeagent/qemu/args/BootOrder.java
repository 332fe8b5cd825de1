package io.vmconsole.nodeagent.qemu.args;

import io.vmconsole.nodeagent.spec.VmSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The firmware's boot order of a VM's devices, as disk ids. SeaBIOS treats all hard disks as one
 * boot entry, the first by bootindex, and does not fall through to the next disk when that one has
 * no boot sector (it goes on to the floppy, CD-ROMs and network and stops with "No bootable
 * device"). So a disk without a boot signature goes behind the devices that may boot, and the rest
 * keep the spec's order: the seed's "the next device is tried when the first fails". A CD-ROM is
 * its own boot entry, so it keeps its place.
 */
public final class BootOrder {
  private BootOrder() {}

  public static List<String> of(List<VmSpec.Disk> disks, Predicate<VmSpec.Disk> hasBootSector) {
    List<String> order = new ArrayList<>();
    List<String> blank = new ArrayList<>();
    for (VmSpec.Disk d : disks) {
      (d.cdrom() || hasBootSector.test(d) ? order : blank).add(d.id());
    }
    order.addAll(blank);
    return order;
  }
}
