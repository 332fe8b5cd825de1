package io.vmconsole.nodeagent.qemu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs the real probe VM. On a host whose KVM is known to be unusable (e.g. kvm_pvm, no vmx/svm)
 * the probe itself must also say so: that proves it detects the failures STACK.md describes rather
 * than trusting /dev/kvm. (On kernel 6.18's kvm_pvm SeaBIOS and long mode run; the first iret in
 * protected mode fails, which the probe guest now makes.)
 */
class KvmProbeVmIT {
  @Test
  void probeVmAgreesWithHostFactsOnABrokenKvm() {
    QemuInfo qemu = QemuInfo.detect("qemu-system-x86_64");
    HostFacts facts = HostFacts.read();
    assertTrue(qemu.available(), "QEMU must be installed (scripts/install-deps.sh does it)");
    if (!facts.devKvmUsable()) {
      // Nothing to probe: the agent never tries KVM without /dev/kvm.
      assertTrue(facts.kvmImpossibleReason().isPresent(), "no /dev/kvm must count as impossible");
      return;
    }
    Optional<String> failure = KvmProbeVm.run(qemu.binary());
    if (facts.kvmImpossibleReason().isPresent()) {
      assertTrue(failure.isPresent(), "probe VM must fail where host facts rule KVM out");
      System.out.println("KVM probe VM failure: " + failure.get());
    }
  }

  /** The probe guest is sound: under TCG it gets through its iret and says so. */
  @Test
  void probeGuestFinishesUnderTcg() {
    QemuInfo qemu = QemuInfo.detect("qemu-system-x86_64");
    assertTrue(qemu.available(), "QEMU must be installed (scripts/install-deps.sh does it)");
    Optional<String> failure = KvmProbeVm.run(qemu.binary(), "tcg", "max");
    assertTrue(failure.isEmpty(), () -> "probe guest failed under TCG: " + failure.orElse(""));
  }
}
