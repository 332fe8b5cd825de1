package io.vmconsole.nodeagent.qemu.args;

import io.vmconsole.nodeagent.spec.ScsiIds;
import java.util.List;

/**
 * The NoCloud seed (or Sysprep answer file) as a small read-only SCSI CD after the disks, so the
 * root disk stays sda and hot-plugged disks come after it.
 */
public final class SeedConfigurator implements Configurator {
  @Override
  public List<String> args(LaunchPlan p) {
    if (!p.hasSeed()) {
      return List.of();
    }
    return List.of(
        "-blockdev",
        "driver=file,filename="
            + Configurator.escape(p.files().seedImage().toString())
            + ",node-name=seed-file,read-only=on",
        "-blockdev",
        "driver=raw,file=seed-file,node-name=seed,read-only=on",
        "-device",
        "scsi-cd,drive=seed,bus="
            + DiskConfigurator.CONTROLLER
            + ".0,id=dev-seed,scsi-id="
            + ScsiIds.SEED_ID);
  }
}
