package io.vmconsole.nodeagent.spec;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a Linux guest gives the VM's SCSI devices, by disk id: {@code sd<letters>} for disks,
 * {@code sr<N>} for CD-ROMs, each the lowest free index of its kind when the device appears (the
 * kernel allocates both that way). At boot the devices appear in target order, so the seed CD
 * (target {@link ScsiIds#SEED_ID}) comes after the VM's own CD-ROMs; later ones in plug order; an
 * unplugged device's index is free again. Immutable maps in, new maps out.
 */
public final class GuestDeviceNames {
  /** The seed CD's key in the map (it has no disk id). */
  public static final String SEED = "seed";

  private GuestDeviceNames() {}

  /** The names at boot: the disks in target order, then the seed CD (always attached). */
  public static Map<String, String> atBoot(List<VmSpec.Disk> disks) {
    Map<String, String> names = new LinkedHashMap<>();
    disks.stream()
        .sorted(Comparator.comparing(d -> d.scsiId() == null ? Integer.MAX_VALUE : d.scsiId()))
        .forEach(d -> names.put(d.id(), next(names, d.cdrom())));
    names.put(SEED, next(names, true));
    return Map.copyOf(names);
  }

  /** The names after a device was hot-plugged. */
  public static Map<String, String> plugged(Map<String, String> names, VmSpec.Disk disk) {
    Map<String, String> after = new LinkedHashMap<>(names);
    after.put(disk.id(), next(names, disk.cdrom()));
    return Map.copyOf(after);
  }

  /** The names after a device was unplugged: its index is free for the next one. */
  public static Map<String, String> unplugged(Map<String, String> names, String diskId) {
    Map<String, String> after = new LinkedHashMap<>(names);
    after.remove(diskId);
    return Map.copyOf(after);
  }

  private static String next(Map<String, String> names, boolean cdrom) {
    for (int i = 0; ; i++) {
      String name = cdrom ? "sr" + i : "sd" + letters(i);
      if (!names.containsValue(name)) {
        return name;
      }
    }
  }

  /** 0 → a, 25 → z, 26 → aa: the kernel's sd naming. */
  static String letters(int index) {
    String s = "";
    for (int i = index; i >= 0; i = i / 26 - 1) {
      s = (char) ('a' + i % 26) + s;
    }
    return s;
  }
}
