package io.vmconsole.nodeagent.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SCSI targets of a VM's disks. QEMU would number devices in creation order, which differs between
 * a VM that got a disk by hotplug and a migration target started with that disk on its command
 * line; the migration stream addresses devices by target, so the agent numbers them itself.
 */
public final class ScsiIds {
  /** The seed CD's target: out of the disks' way, so hot-plugged disks follow the boot disks. */
  public static final int SEED_ID = 255;

  public static final int MAX_DISK_ID = 254;

  private ScsiIds() {}

  /** Keeps the given targets; a disk without one gets the lowest free target. */
  public static VmSpec resolve(VmSpec spec) {
    Set<Integer> used = new HashSet<>();
    spec.disks().stream().filter(d -> d.scsiId() != null).forEach(d -> used.add(d.scsiId()));
    List<VmSpec.Disk> disks = new ArrayList<>();
    for (VmSpec.Disk d : spec.disks()) {
      if (d.scsiId() == null) {
        int id = lowestFree(used);
        used.add(id);
        disks.add(d.withScsiId(id));
      } else {
        disks.add(d);
      }
    }
    return new VmSpec(
        spec.name(),
        spec.namespace(),
        spec.cores(),
        spec.coreFraction(),
        spec.memoryBytes(),
        disks,
        spec.provisioning(),
        spec.nic(),
        spec.ssh());
  }

  /** The target for a disk hot-plugged next to {@code attached}. */
  public static int next(List<VmSpec.Disk> attached) {
    Set<Integer> used = new HashSet<>();
    attached.stream().filter(d -> d.scsiId() != null).forEach(d -> used.add(d.scsiId()));
    return lowestFree(used);
  }

  private static int lowestFree(Set<Integer> used) {
    for (int i = 0; i <= MAX_DISK_ID; i++) {
      if (!used.contains(i)) {
        return i;
      }
    }
    throw new IllegalStateException("no free SCSI target");
  }
}
