package io.vmconsole.nodeagent.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScsiIdsTest {
  private static VmSpec.Disk disk(String id, Integer scsiId) {
    return new VmSpec.Disk(id, "d-" + id, "/p/" + id, "qcow2", false, "disk", scsiId);
  }

  private static VmSpec spec(List<VmSpec.Disk> disks) {
    return new VmSpec("v", "ns", 1, 100, 1 << 30, disks, null, null, new VmSpec.Ssh(false));
  }

  @Test
  void disksWithoutTargetGetTheLowestFreeOnesInListOrder() {
    VmSpec resolved =
        ScsiIds.resolve(spec(List.of(disk("a", null), disk("b", 0), disk("c", null))));
    assertEquals(List.of(1, 0, 2), resolved.disks().stream().map(VmSpec.Disk::scsiId).toList());
  }

  @Test
  void aHotPluggedDiskTakesTheLowestFreeTargetSoAMigrationTargetKeepsTheSameAddresses() {
    // b was detached from [a=0, b=1, c=2]: the next disk gets 1, and the running spec says so.
    assertEquals(1, ScsiIds.next(List.of(disk("a", 0), disk("c", 2))));
    VmSpec running = spec(List.of(disk("a", 0), disk("c", 2), disk("d", 1)));
    assertEquals(running, ScsiIds.resolve(running), "a running spec is started as it is");
  }
}
