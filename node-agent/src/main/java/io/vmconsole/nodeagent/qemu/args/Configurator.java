package io.vmconsole.nodeagent.qemu.args;

import java.util.List;

/** One facet of the VM (cpu, memory, disks, NIC, consoles, seed) rendered as QEMU arguments. */
@FunctionalInterface
public interface Configurator {
  List<String> args(LaunchPlan plan);

  /** QEMU's option syntax doubles commas inside a value. */
  static String escape(String value) {
    return value.replace(",", ",,");
  }
}
