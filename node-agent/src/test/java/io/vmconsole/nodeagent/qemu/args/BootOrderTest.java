package io.vmconsole.nodeagent.qemu.args;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which device the firmware tries first, when the spec's first disk cannot boot. */
class BootOrderTest {
  static final io.vmconsole.nodeagent.spec.VmSpec.Disk BLANK =
      Plans.disk("blank", "/p/blank", "qcow2", false, "disk");
  static final io.vmconsole.nodeagent.spec.VmSpec.Disk IMAGE =
      Plans.disk("image", "/p/image", "qcow2", true, "disk");
  static final io.vmconsole.nodeagent.spec.VmSpec.Disk ISO =
      Plans.disk("iso", "/p/iso", "iso", true, "cdrom");
  static final io.vmconsole.nodeagent.spec.VmSpec.Disk DATA =
      Plans.disk("data", "/p/data", "qcow2", false, "disk");

  @Test
  void aDiskWithoutABootSectorGoesBehindTheOnesThatMayBoot() {
    Set<String> bootable = Set.of("id-image");
    assertEquals(
        List.of("id-image", "id-blank"),
        BootOrder.of(List.of(BLANK, IMAGE), d -> bootable.contains(d.id())));
    // An installer ISO before an empty disk: the CD-ROM keeps its place; once the disk holds a
    // system, it boots first as the spec says.
    assertEquals(
        List.of("id-iso", "id-blank"),
        BootOrder.of(List.of(BLANK, ISO), d -> bootable.contains(d.id())));
    assertEquals(List.of("id-blank", "id-iso"), BootOrder.of(List.of(BLANK, ISO), d -> true));
  }

  @Test
  void withNothingBootableTheSpecsOrderStays() {
    assertEquals(List.of("id-blank", "id-data"), BootOrder.of(List.of(BLANK, DATA), d -> false));
  }
}
