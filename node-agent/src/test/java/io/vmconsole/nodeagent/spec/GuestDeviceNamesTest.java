package io.vmconsole.nodeagent.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a Linux guest calls the VM's devices, at boot and as they come and go. */
class GuestDeviceNamesTest {
  static VmSpec.Disk disk(String id, String media, int scsiId) {
    return new VmSpec.Disk(id, "n-" + id, "/p/" + id, "qcow2", false, media, scsiId);
  }

  @Test
  void atBootTheDevicesTakeTheirNamesInTargetOrderAndTheSeedCdComesLast() {
    Map<String, String> names =
        GuestDeviceNames.atBoot(
            List.of(disk("root", "disk", 0), disk("iso", "cdrom", 1), disk("data", "disk", 2)));
    assertEquals(
        Map.of("root", "sda", "iso", "sr0", "data", "sdb", GuestDeviceNames.SEED, "sr1"), names);
  }

  @Test
  void aHotPluggedIsoFollowsTheSeedCdAndAnUnpluggedNameIsTakenAgain() {
    Map<String, String> boot = GuestDeviceNames.atBoot(List.of(disk("root", "disk", 0)));
    assertEquals("sr0", boot.get(GuestDeviceNames.SEED));
    Map<String, String> withIso = GuestDeviceNames.plugged(boot, disk("iso", "cdrom", 1));
    assertEquals("sr1", withIso.get("iso"));
    Map<String, String> withDisk = GuestDeviceNames.plugged(withIso, disk("blank", "disk", 2));
    assertEquals("sdb", withDisk.get("blank"));
    Map<String, String> isoGone = GuestDeviceNames.unplugged(withDisk, "iso");
    assertEquals("sr1", GuestDeviceNames.plugged(isoGone, disk("iso2", "cdrom", 1)).get("iso2"));
  }

  @Test
  void sdNamesGoOnPastZ() {
    assertEquals("a", GuestDeviceNames.letters(0));
    assertEquals("z", GuestDeviceNames.letters(25));
    assertEquals("aa", GuestDeviceNames.letters(26));
    assertEquals("ab", GuestDeviceNames.letters(27));
  }
}
