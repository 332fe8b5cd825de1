package io.vmconsole.nodeagent.qemu.args;

import java.util.List;

/** Guest RAM, rounded up to whole MiB (a source and its migration target round alike). */
public final class MemoryConfigurator implements Configurator {
  private static final long MIB = 1 << 20;

  @Override
  public List<String> args(LaunchPlan p) {
    return List.of("-m", (p.spec().memoryBytes() + MIB - 1) / MIB + "M");
  }
}
