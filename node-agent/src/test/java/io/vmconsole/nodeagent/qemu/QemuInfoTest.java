package io.vmconsole.nodeagent.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class QemuInfoTest {
  @Test
  void parsesDebianVersionLine() {
    assertEquals(
        "7.2.22",
        QemuInfo.parseVersion(
            "QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright (c) ..."));
    assertNull(QemuInfo.parseVersion("bash: qemu: not found"));
  }

  @Test
  void missingBinaryHasNoVersion() {
    assertFalse(QemuInfo.detect("/nonexistent/qemu-system-x86_64").available());
  }
}
