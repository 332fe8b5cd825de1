package io.vmconsole.nodeagent.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Facts about any process from /proc. QEMU is not the agent's child (it daemonizes), so the agent
 * cannot wait for it; a zombie counts as dead because its parent may never reap it.
 */
public final class ProcessInfo {
  private ProcessInfo() {}

  /** Alive and (guarding against pid reuse) its command line mentions {@code marker}. */
  public static boolean alive(long pid, String marker) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    if (stat == null) {
      return false;
    }
    int paren = stat.lastIndexOf(')');
    if (paren < 0 || paren + 2 >= stat.length() || stat.charAt(paren + 2) == 'Z') {
      return false;
    }
    String cmdline = read(Path.of("/proc", Long.toString(pid), "cmdline"));
    return cmdline != null && (marker == null || cmdline.contains(marker));
  }

  /** utime + stime in clock ticks, or -1 when gone. */
  public static long cpuTicks(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    if (stat == null) {
      return -1;
    }
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return null;
    }
  }
}
