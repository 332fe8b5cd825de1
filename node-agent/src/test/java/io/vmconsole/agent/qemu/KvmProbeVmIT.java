package io.vmconsole.agent.qemu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs the real probe VM. On a host whose KVM is known to be unusable (e.g. kvm_pvm, no vmx/svm)
 * the probe itself must also say so: that proves it detects the failures STACK.md describes rather
 * than trusting /dev/kvm.
 */
class KvmProbeVmIT {
  @Test
  void probeVmAgreesWithHostFactsOnABrokenKvm() {
    QemuInfo qemu = QemuInfo.detect("qemu-system-x86_64");
    HostFacts facts = HostFacts.read();
    assumeTrue(qemu.available(), "QEMU not installed");
    assumeTrue(facts.devKvmUsable(), "no /dev/kvm to probe");
    assumeTrue(facts.kvmImpossibleReason().isPresent(), "this host may have a working KVM");

    Optional<String> failure = KvmProbeVm.run(qemu.binary());
    assertTrue(failure.isPresent(), "probe VM must fail on this host");
    System.out.println("KVM probe VM failure: " + failure.get());
  }
}
