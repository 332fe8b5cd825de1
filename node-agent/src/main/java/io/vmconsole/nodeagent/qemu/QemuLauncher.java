package io.vmconsole.nodeagent.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts a daemonizing QEMU ({@code -daemonize}: it forks, calls setsid and its first process exits
 * once the machine is set up). So QEMU lives in its own session: a signal to the agent's process
 * group or the agent's death does not reach it. When a cgroup is given, a tiny shell writes its own
 * pid into the group and then execs QEMU, so QEMU and all its threads start inside the group.
 */
public final class QemuLauncher {
  private QemuLauncher() {}

  /**
   * @return QEMU's pid (from its pid file)
   */
  public static long launch(
      List<String> command, Optional<Path> cgroupProcs, Path pidFile, Path log)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (cgroupProcs.isPresent()) {
      cmd.addAll(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\""));
      cmd.add(cgroupProcs.get().toString());
    }
    cmd.addAll(command);
    Files.deleteIfExists(pidFile);
    // The log is appended to across starts: a failure reports this start's output only.
    long before = Files.exists(log) ? Files.size(log) : 0;
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("QEMU did not finish starting within 120 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "QEMU failed to start (exit " + p.exitValue() + "): " + tail(log, before).strip());
    }
    return Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
  }

  /** What the log gained from {@code offset} on, its last 2000 characters. */
  static String tail(Path log, long offset) {
    try {
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(Math.max(offset, 0), all.length);
      String s = new String(all, from, all.length - from, StandardCharsets.UTF_8);
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "";
    }
  }
}
