package io.vmconsole.nodeagent.qemu.args;

import java.util.List;

/** Machine type, accelerator, CPU model and count. */
public final class MachineConfigurator implements Configurator {
  @Override
  public List<String> args(LaunchPlan p) {
    boolean kvm = "kvm".equals(p.accelerator());
    return List.of(
        "-name",
        "guest=" + Configurator.escape(p.spec().name()) + ",debug-threads=on",
        "-machine",
        "pc",
        "-nodefaults",
        "-no-user-config",
        "-accel",
        kvm ? "kvm" : "tcg",
        "-cpu",
        kvm ? "host" : "max",
        "-smp",
        Integer.toString(p.spec().cores()),
        // pvpanic turns a guest kernel panic into a GUEST_PANICKED event instead of a silent hang.
        "-device",
        "pvpanic-pci");
  }
}
