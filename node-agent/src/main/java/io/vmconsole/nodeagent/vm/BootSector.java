package io.vmconsole.nodeagent.vm;

import io.vmconsole.nodeagent.spec.VmSpec;
import io.vmconsole.nodeagent.storage.QemuImg;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Whether a disk starts with a boot sector (the 0x55AA signature an MBR or GPT disk ends it with).
 */
final class BootSector {
  private static final Logger LOG = Logger.getLogger(BootSector.class.getName());
  private static final QemuImg IMG = new QemuImg("qemu-img");

  private BootSector() {}

  /** An unreadable disk counts as bootable: it keeps the place the spec gave it. */
  static boolean present(VmSpec.Disk disk, Path scratchDir) {
    try {
      byte[] s =
          IMG.firstSector(Path.of(disk.path()), disk.format(), scratchDir.resolve("mbr.tmp"));
      return s.length >= 512 && (s[510] & 0xff) == 0x55 && (s[511] & 0xff) == 0xaa;
    } catch (RuntimeException e) {
      LOG.warning("cannot read the boot sector of disk " + disk.id() + ": " + e.getMessage());
      return true;
    }
  }
}
