package io.vmconsole.nodeagent.migration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CopiesPausedTest {
  @Test
  void kvmGuestsAlwaysRunWhileTheirMemoryIsCopied() {
    assertFalse(
        CopiesPaused.needed("kvm", 7), "KVM tracks dirty pages itself: pre-copy stays live");
    assertFalse(CopiesPaused.needed("kvm", 10));
  }

  @Test
  void tcgGuestsArePausedOnlyOnAQemuThatLosesDirtyPages() {
    assertTrue(CopiesPaused.needed("tcg", 7), "TCG under QEMU 7.2 loses dirty pages: paused copy");
    assertTrue(CopiesPaused.needed("tcg", 8));
    assertFalse(CopiesPaused.needed("tcg", 9), "fixed in QEMU 9.0: live pre-copy");
    assertFalse(CopiesPaused.needed("tcg", 10));
  }

  @Test
  void unknownsAreTreatedAsAffected() {
    assertTrue(CopiesPaused.needed(null, 7), "an unknown accelerator is treated like TCG");
    assertTrue(CopiesPaused.needed("tcg", 0), "an unknown QEMU version is treated as old");
  }
}
