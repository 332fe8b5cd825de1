package io.vmconsole.nodeagent.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed start reports what that start printed, not the log of every earlier one. */
class QemuLauncherTest {

  @Test
  void theTailOfAFailedStartIsWhatThatStartWrote(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("qemu.log");
    Files.writeString(log, "qemu: an earlier start failed\n");
    long before = Files.size(log);
    Files.writeString(
        log, "qemu: Failed to lock byte 100\n", java.nio.file.StandardOpenOption.APPEND);
    assertEquals("qemu: Failed to lock byte 100\n", QemuLauncher.tail(log, before));
    assertEquals("", QemuLauncher.tail(dir.resolve("absent.log"), 0));
  }
}
