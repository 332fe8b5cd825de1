package io.vmconsole.nodeagent.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceleratorProbeTest {
  @TempDir Path state;

  private final AtomicInteger probes = new AtomicInteger();
  private static final HostFacts KVM_HOST = new HostFacts(true, Set.of("vmx"), false, "6.1.0-41");

  private AcceleratorProbe probe(String qemuVersion, HostFacts facts, Optional<String> outcome) {
    return new AcceleratorProbe(
        new QemuInfo("qemu", qemuVersion),
        facts,
        state,
        bin -> {
          probes.incrementAndGet();
          return outcome;
        });
  }

  @Test
  void kvmOnlyWhenProbeVmWorks() {
    Accelerator a = probe("7.2.22", KVM_HOST, Optional.empty()).choose();
    assertTrue(a.kvm());
    assertEquals("kvm", a.chosen());
  }

  @Test
  void probeFailureMeansTcgWithItsReason() {
    Accelerator a = probe("7.2.22", KVM_HOST, Optional.of("went to state internal-error")).choose();
    assertFalse(a.kvm());
    assertEquals("tcg", a.chosen());
    assertEquals("went to state internal-error", a.reason());
  }

  @Test
  void noProbeVmWhenHostFactsRuleKvmOut() {
    HostFacts pvm = new HostFacts(true, Set.of("hypervisor"), true, "6.18");
    Accelerator a = probe("7.2.22", pvm, Optional.empty()).choose();
    assertEquals("tcg", a.chosen());
    assertEquals(0, probes.get());
  }

  @Test
  void resultIsCachedPerQemuAndKernelVersion() {
    probe("7.2.22", KVM_HOST, Optional.empty()).choose();
    probe("7.2.22", KVM_HOST, Optional.of("would fail")).choose();
    assertEquals(1, probes.get(), "same QEMU and kernel: cached");

    Accelerator newQemu = probe("8.0.0", KVM_HOST, Optional.of("fails now")).choose();
    assertEquals(2, probes.get());
    assertEquals("tcg", newQemu.chosen());

    HostFacts newKernel = new HostFacts(true, Set.of("vmx"), false, "6.1.0-42");
    probe("8.0.0", newKernel, Optional.empty()).choose();
    assertEquals(3, probes.get());
  }

  @Test
  void missingQemuIsReportedNotProbed() {
    Accelerator a = probe(null, KVM_HOST, Optional.empty()).choose();
    assertEquals("tcg", a.chosen());
    assertTrue(a.reason().contains("QEMU not found"));
    assertEquals(0, probes.get());
  }
}
