package io.vmconsole.nodeagent.bench;

import io.vmconsole.nodeagent.qemu.SeedImage;
import io.vmconsole.nodeagent.qemu.args.LaunchPlan;
import io.vmconsole.nodeagent.qemu.args.QemuCommand;
import io.vmconsole.nodeagent.qemu.args.VmFiles;
import io.vmconsole.nodeagent.spec.DiskPaths;
import io.vmconsole.nodeagent.spec.NetworkPlan;
import io.vmconsole.nodeagent.spec.ScsiIds;
import io.vmconsole.nodeagent.spec.SpecParser;
import io.vmconsole.nodeagent.spec.VmSpec;
import io.vmconsole.nodeagent.testing.Seeds;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A bare QEMU started with exactly the agent's device arguments (the benchmarks' baseline). */
final class BenchVm {
  private BenchVm() {}

  static Process startBare(Path dir, Path pool, Path disk, String name) throws Exception {
    return startBare(dir, pool, disk, name, List.of());
  }

  /** With extra QEMU options (e.g. {@code -incoming defer} for a migration target). */
  static Process startBare(Path dir, Path pool, Path disk, String name, List<String> extra)
      throws Exception {
    return startBare(dir, pool, disk, name, extra, null);
  }

  /**
   * In the cpu cgroup {@code cgroup} (created, no quota) when not null: where the agent puts its
   * QEMUs, so that a bare QEMU competes for the CPU with the same weight as the agent's.
   */
  static Process startBare(
      Path dir, Path pool, Path disk, String name, List<String> extra, Path cgroup)
      throws Exception {
    VmSpec spec =
        ScsiIds.resolve(
            new SpecParser(new DiskPaths(List.of(pool)))
                .parse(Seeds.spec(name, 1, disk, null).toString()));
    VmFiles files = new VmFiles(Files.createDirectories(dir));
    for (Path p : List.of(files.qmp(), files.serial(), files.vnc(), files.qga())) {
      Files.deleteIfExists(p);
    }
    NetworkPlan net = NetworkPlan.of(spec.nic(), name);
    SeedImage.build(files.seedDir(), files.seedImage(), SeedImage.files(name, spec, net));
    LaunchPlan plan =
        new LaunchPlan(
            name,
            spec,
            net,
            files,
            "tcg",
            null,
            true,
            spec.disks().stream().map(VmSpec.Disk::id).toList());
    List<String> cmd = new ArrayList<>();
    if (cgroup != null) {
      Files.createDirectories(cgroup);
      cmd.addAll(List.of("sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", cgroup + "/cgroup.procs"));
    }
    cmd.add("qemu-system-x86_64");
    cmd.addAll(QemuCommand.deviceArgs(plan));
    cmd.addAll(extra);
    // Variants for the migration soak: -Dbare.accel=tcg,thread=single, -Dbare.cpu=qemu64.
    replaceValue(cmd, "-accel", System.getProperty("bare.accel"));
    replaceValue(cmd, "-cpu", System.getProperty("bare.cpu"));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("qemu.out").toFile())
            .start();
    // A benchmark stopped with Ctrl+C runs no finally blocks, only hooks: the QEMU must not outlive it.
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "bench-qemu-" + p.pid()));
    return p;
  }

  private static void replaceValue(List<String> cmd, String option, String value) {
    int i = cmd.indexOf(option);
    if (value != null && i >= 0) {
      cmd.set(i + 1, value);
    }
  }

  static SocketChannel connect(Path socket) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return ch;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
  }

  /** Reads until {@code marker} appeared; returns everything read. */
  static String readUntil(SocketChannel ch, String marker) throws IOException {
    StringBuilder sb = new StringBuilder();
    ByteBuffer b = ByteBuffer.allocate(4096);
    while (sb.indexOf(marker) < 0) {
      b.clear();
      if (ch.read(b) < 0) {
        throw new IOException("closed before " + marker);
      }
      sb.append(new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1));
    }
    return sb.toString();
  }

  static void write(SocketChannel ch, String s) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** The cpu cgroup the agent gives a VM (see CpuCgroup). */
  /** Logs in as the seed's user on a guest sitting at getty and starts a command that prints a marker. */
  static void loginAndStart(SocketChannel serial, String command, String marker) throws IOException {
    write(serial, "\r");
    readUntil(serial, "login: ");
    write(serial, "cloud\r");
    readUntil(serial, "Password: ");
    write(serial, "cloud\r");
    readUntil(serial, "cloud@mb");
    write(serial, command + "\r");
    readUntil(serial, marker);
  }

  /** The {@code target} of the source agent's migrate request, for an agent on this host. */
  static java.util.Map<String, Object> migrationTarget(String node, int port, String ticket) {
    java.util.Map<String, Object> target = new java.util.LinkedHashMap<>();
    target.put("node", node);
    target.put("url", "http://127.0.0.1:" + port);
    target.put("ticket", ticket);
    return target;
  }

  static Path cgroup(String vmId) {
    return Path.of("/sys/fs/cgroup/cpu/vmconsole", vmId);
  }

  /** Kills a QEMU the agent no longer watches and removes its cpu cgroup once its threads are gone. */
  static void kill(long pid, String vmId) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    removeCgroup(vmId);
  }

  /** Removes a VM's cpu cgroup once its threads are gone. */
  static void removeCgroup(String vmId) {
    Path group = cgroup(vmId);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        Files.deleteIfExists(group);
        return;
      } catch (IOException e) {
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
      }
    }
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static double percentile(List<Double> xs, double p) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(p * s.size()) - 1));
  }
}
