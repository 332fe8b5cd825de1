package io.vmconsole.nodeagent.qemu.args;

import io.vmconsole.nodeagent.spec.VmSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Disks on one virtio-scsi controller, in list order (the SCSI targets follow it), booted in the
 * plan's {@link BootOrder}. Node-names and device ids come from the spec so hotplug and migration
 * can address them.
 */
public final class DiskConfigurator implements Configurator {
  public static final String CONTROLLER = "scsi0";

  @Override
  public List<String> args(LaunchPlan p) {
    List<String> a = new ArrayList<>(List.of("-device", "virtio-scsi-pci,id=" + CONTROLLER));
    for (VmSpec.Disk d : p.spec().disks()) {
      a.addAll(disk(d));
      a.set(
          a.size() - 1, a.get(a.size() - 1) + ",bootindex=" + (p.bootOrder().indexOf(d.id()) + 1));
    }
    return a;
  }

  /** Two blockdevs and a device; the device argument comes last (so a boot index can follow). */
  public static List<String> disk(VmSpec.Disk d) {
    String ro = d.readOnly() ? "on" : "off";
    return List.of(
        "-blockdev",
        "driver=file,filename="
            + Configurator.escape(d.path())
            + ",node-name="
            + d.fileNode()
            + ",read-only="
            + ro,
        "-blockdev",
        "driver="
            + d.format()
            + ",file="
            + d.fileNode()
            + ",node-name="
            + d.nodeName()
            + ",read-only="
            + ro,
        "-device",
        (d.cdrom() ? "scsi-cd" : "scsi-hd")
            + ",drive="
            + d.nodeName()
            + ",bus="
            + CONTROLLER
            + ".0,id="
            + d.deviceId()
            + (d.scsiId() == null ? "" : ",scsi-id=" + d.scsiId()));
  }
}
