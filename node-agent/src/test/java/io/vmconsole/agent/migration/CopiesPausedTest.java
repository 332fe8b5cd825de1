package io.vmconsole.agent.migration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CopiesPausedTest {
  @Test
  void onlyKvmGuestsRunWhileTheirMemoryIsCopied() {
    assertFalse(CopiesPaused.needed("kvm"), "KVM tracks dirty pages itself: pre-copy stays live");
    assertTrue(CopiesPaused.needed("tcg"), "TCG under QEMU 7.2 loses dirty pages: paused copy");
    assertTrue(CopiesPaused.needed(null), "an unknown accelerator is treated like TCG");
  }
}
