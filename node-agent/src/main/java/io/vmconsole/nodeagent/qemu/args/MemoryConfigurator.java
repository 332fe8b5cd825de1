package io.vmconsole.nodeagent.qemu.args;

import java.util.List;

/** Guest RAM; the parser guarantees a whole number of MiB. */
public final class MemoryConfigurator implements Configurator {
  @Override
  public List<String> args(LaunchPlan p) {
    return List.of("-m", (p.spec().memoryBytes() >> 20) + "M");
  }
}
