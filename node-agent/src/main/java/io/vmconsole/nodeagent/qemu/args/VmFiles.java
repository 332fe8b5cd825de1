package io.vmconsole.nodeagent.qemu.args;

import java.nio.file.Path;

/**
 * The files of one VM under {@code <state-dir>/vms/<vmId>/}: what QEMU listens on, and what a
 * restarted agent re-adopts from.
 */
public record VmFiles(Path dir) {
  public Path qmp() {
    return dir.resolve("qmp.sock");
  }

  public Path serial() {
    return dir.resolve("serial.sock");
  }

  public Path vnc() {
    return dir.resolve("vnc.sock");
  }

  public Path qga() {
    return dir.resolve("qga.sock");
  }

  public Path pidFile() {
    return dir.resolve("qemu.pid");
  }

  public Path seedImage() {
    return dir.resolve("seed.iso");
  }

  public Path seedDir() {
    return dir.resolve("seed");
  }

  public Path qemuLog() {
    return dir.resolve("qemu.log");
  }

  public Path serialLog() {
    return dir.resolve("serial.log");
  }

  public Path spec() {
    return dir.resolve("spec.json");
  }

  public Path runtime() {
    return dir.resolve("runtime.json");
  }
}
