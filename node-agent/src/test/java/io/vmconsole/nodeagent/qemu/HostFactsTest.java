package io.vmconsole.nodeagent.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostFactsTest {
  @Test
  void readsFlagsFromCpuinfo() {
    String cpuinfo = "processor\t: 0\nflags\t\t: fpu vme hypervisor svm\nbugs\t: x\n";
    assertEquals(Set.of("fpu", "vme", "hypervisor", "svm"), HostFacts.cpuFlags(cpuinfo));
    assertEquals(Set.of(), HostFacts.cpuFlags(""));
  }

  @Test
  void kvmWorthProbingOnlyWithDeviceFlagsAndNoPvm() {
    assertEquals(Optional.empty(), facts(true, "vmx", false).kvmImpossibleReason());
    assertEquals(Optional.empty(), facts(true, "svm", false).kvmImpossibleReason());
    assertTrue(facts(false, "vmx", false).kvmImpossibleReason().get().contains("/dev/kvm"));
    assertTrue(facts(true, "hypervisor", false).kvmImpossibleReason().get().contains("vmx/svm"));
    assertTrue(facts(true, "vmx", true).kvmImpossibleReason().get().contains("kvm_pvm"));
  }

  private static HostFacts facts(boolean dev, String flag, boolean pvm) {
    return new HostFacts(dev, Set.of(flag), pvm, "6.1.0");
  }
}
