package io.vmconsole.bench;

import io.vmconsole.testsupport.GuestImage;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The demo guest under a QEMU of our own (no agent, no console): the baseline's sockets. */
final class BareQemu {
  private final Process process;
  private final Path dir;

  private BareQemu(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  static BareQemu start(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path disk = dir.resolve("disk.qcow2");
    new ProcessBuilder(
            "qemu-img",
            "create",
            "-q",
            "-f",
            "qcow2",
            "-b",
            GuestImage.ensureBuilt().toString(),
            "-F",
            "qcow2",
            disk.toString())
        .inheritIO()
        .start()
        .waitFor();
    Process p =
        new ProcessBuilder(
                List.of(
                    "qemu-system-x86_64",
                    "-machine",
                    "pc",
                    "-nodefaults",
                    "-no-user-config",
                    "-accel",
                    "tcg",
                    "-cpu",
                    "max",
                    "-smp",
                    "1",
                    "-m",
                    "256",
                    "-chardev",
                    "socket,id=ser0,path=" + dir.resolve("serial.sock") + ",server=on,wait=off",
                    "-serial",
                    "chardev:ser0",
                    "-vga",
                    "std",
                    "-display",
                    "none",
                    "-vnc",
                    "unix:" + dir.resolve("vnc.sock"),
                    "-device",
                    "virtio-scsi-pci,id=scsi0",
                    "-blockdev",
                    "driver=file,filename=" + disk + ",node-name=d0-file",
                    "-blockdev",
                    "driver=qcow2,file=d0-file,node-name=d0",
                    "-device",
                    "scsi-hd,drive=d0,bus=scsi0.0,id=disk0,bootindex=1"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("qemu.out").toFile())
            .start();
    // A benchmark stopped with Ctrl+C runs no finally blocks, only hooks: the QEMU must not outlive
    // it.
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "bare-qemu-" + p.pid()));
    return new BareQemu(p, dir);
  }

  Path dir() {
    return dir;
  }

  SocketChannel serial() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(dir.resolve("serial.sock")));
        return ch;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
      }
    }
  }

  void stop() {
    process.destroyForcibly();
  }
}
