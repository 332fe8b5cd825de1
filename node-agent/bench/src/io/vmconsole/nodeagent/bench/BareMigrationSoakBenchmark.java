package io.vmconsole.nodeagent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.qemu.QmpClient;
import io.vmconsole.nodeagent.testing.GuestImage;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link MigrationSoakBenchmark} without the agents: one busy guest moved between bare QEMUs (the
 * agent's device arguments) over one unix socket, the STACK.md recipe. Tells a QEMU/TCG fault from
 * one of the agents. {@code -Dbare.targetArgs="-S"} starts targets paused and resumes them with
 * {@code cont}, as the agent does; {@code -Dbare.extraArgs=...} is added to every QEMU.
 */
public final class BareMigrationSoakBenchmark {
  private static final int MOVES = Integer.getInteger("soak.moves", 10);
  private static final List<String> TARGET_ARGS = split(System.getProperty("bare.targetArgs", ""));
  private static final List<String> EXTRA_ARGS = split(System.getProperty("bare.extraArgs", ""));

  /** {@code -Dbare.pauseFirst=true}: {@code stop} the source before {@code migrate}, as the agent does under TCG. */
  private static final boolean PAUSE_FIRST = Boolean.getBoolean("bare.pauseFirst");
  private static final String BUSY =
      "(while :; do dd if=/dev/urandom of=/tmp/busy bs=1M count=24 2>/dev/null; done) & echo BUSY";

  private BareMigrationSoakBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("bare-soak");
    Path pool = Files.createDirectories(dir.resolve("pool"));
    GuestImage.dir();
    List<Process> qemus = new ArrayList<>();
    int moved = 0;
    int dead = 0;
    try {
      Path disk = GuestImage.overlay(pool, "bare");
      Path src = dir.resolve("q0");
      qemus.add(BenchVm.startBare(src, pool, disk, "mb", EXTRA_ARGS));
      try (SocketChannel serial = BenchVm.connect(src.resolve("serial.sock"))) {
        BenchVm.readUntil(serial, "login: ");
        BenchVm.loginAndStart(serial, BUSY, "\nBUSY");
      }
      for (int i = 1; i <= MOVES; i++) {
        Path dst = dir.resolve("q" + i);
        List<String> targetArgs = new ArrayList<>(EXTRA_ARGS);
        targetArgs.addAll(List.of("-incoming", "defer"));
        targetArgs.addAll(TARGET_ARGS);
        Process target = BenchVm.startBare(dst, pool, disk, "mb", targetArgs);
        qemus.add(target);
        // Held from before the move: a panic printed at once is not missed.
        SocketChannel console = BenchVm.connect(dst.resolve("serial.sock"));
        String status = migrate(src, dst);
        if (!status.equals("completed")) {
          System.out.println("move " + i + ": " + status);
          break;
        }
        moved++;
        // The source QEMU goes: one booted guest at a time, like the agents' soak.
        qemus.get(qemus.size() - 2).destroyForcibly().waitFor();
        String death = alive(console, i);
        if (death != null && !target.isAlive()) {
          death += " (QEMU exited " + target.exitValue() + ")";
        }
        System.out.println("move " + i + ": " + (death == null ? "alive" : "DEAD: " + death));
        if (death != null) {
          dead++;
          System.out.println(diagnose(dst));
          break;
        }
        src = dst;
      }
    } finally {
      for (Process p : qemus) {
        p.destroyForcibly().waitFor();
      }
    }
    System.out.printf(
        "BARE SOAK busy guest, target args %s, extra args %s, accel %s, paused first %s: %d moves,"
            + " guest dead after %d%n",
        TARGET_ARGS,
        EXTRA_ARGS,
        System.getProperty("bare.accel", "tcg"),
        PAUSE_FIRST,
        moved,
        dead);
    System.exit(0);
  }

  private static String migrate(Path from, Path to) throws Exception {
    Path sock = to.resolve("mig.sock");
    BenchVm.connect(from.resolve("qmp.sock")).close();
    BenchVm.connect(to.resolve("qmp.sock")).close();
    try (QmpClient s = QmpClient.connect(from.resolve("qmp.sock"), "src");
        QmpClient d = QmpClient.connect(to.resolve("qmp.sock"), "dst")) {
      d.execute("migrate-incoming", Map.of("uri", "unix:" + sock)).get(30, TimeUnit.SECONDS);
      if (PAUSE_FIRST) {
        s.execute("stop", null).get(30, TimeUnit.SECONDS);
      }
      s.execute("migrate", Map.of("uri", "unix:" + sock)).get(30, TimeUnit.SECONDS);
      JsonNode q;
      do {
        Thread.sleep(50);
        q = s.execute("query-migrate", null).get(30, TimeUnit.SECONDS);
      } while (!q.path("status").asText().matches("completed|failed|cancelled"));
      if (!q.path("status").asText().equals("completed")) {
        return q.toString();
      }
      String st;
      do {
        Thread.sleep(20);
        st = d.execute("query-status", null).get(30, TimeUnit.SECONDS).path("status").asText();
      } while (st.equals("inmigrate"));
      // A target of a paused source stays paused, like one started with -S.
      if (TARGET_ARGS.contains("-S") || PAUSE_FIRST) {
        d.execute("cont", null).get(30, TimeUnit.SECONDS);
      }
      return "completed";
    }
  }

  /** Null when the guest echoes a command within 10 s without printing a panic. */
  private static String alive(SocketChannel console, int move) throws Exception {
    try (SocketChannel ch = console) {
      ch.configureBlocking(false);
      BenchVm.write(ch, "echo ALIVE-$((" + move + "*1)) DD=$(pidof dd | wc -w)\r");
      StringBuilder sb = new StringBuilder();
      ByteBuffer b = ByteBuffer.allocate(4096);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        b.clear();
        int n = ch.read(b);
        if (n < 0) {
          return "serial closed: " + sb;
        }
        sb.append(new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1));
        String t = sb.toString();
        if (t.matches("(?s).*(Kernel panic|NX-protected|BUG: |Oops|general protection).*")) {
          Thread.sleep(1000);
          b.clear();
          ch.read(b);
          sb.append(new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1));
          return sb.toString();
        }
        var ok = java.util.regex.Pattern.compile("\nALIVE-" + move + " DD=(\\d+)\\s").matcher(t);
        if (ok.find()) {
          if (ok.group(1).equals("0")) {
            System.out.println("move " + move + ": the busy loop no longer runs");
          }
          return null;
        }
        if (n == 0) {
          Thread.sleep(50);
        }
      }
      return "no echo: " + sb;
    }
  }

  /** What a silent guest still does: its guest agent, its run state, whether its RIP moves. */
  private static String diagnose(Path vm) throws Exception {
    StringBuilder d = new StringBuilder("diagnosis:");
    try (SocketChannel qga = BenchVm.connect(vm.resolve("qga.sock"))) {
      qga.configureBlocking(false);
      BenchVm.write(qga, "{\"execute\":\"guest-ping\"}\n");
      d.append(" qga: ").append(readFor(qga, 5000).strip());
    }
    try (QmpClient q = QmpClient.connect(vm.resolve("qmp.sock"), "diag")) {
      d.append(" status: ").append(q.execute("query-status", null).get(10, TimeUnit.SECONDS));
      for (int k = 0; k < 3; k++) {
        String regs =
            q.execute("human-monitor-command", Map.of("command-line", "info registers"))
                .get(10, TimeUnit.SECONDS)
                .asText();
        var m = java.util.regex.Pattern.compile("RIP=(\\S+).*?EFL=(\\S+)", java.util.regex.Pattern.DOTALL).matcher(regs);
        d.append(" ").append(m.find() ? "RIP=" + m.group(1) + " EFL=" + m.group(2) : regs);
        Thread.sleep(500);
      }
    }
    return d.toString();
  }

  private static String readFor(SocketChannel ch, long ms) throws Exception {
    StringBuilder sb = new StringBuilder();
    ByteBuffer b = ByteBuffer.allocate(4096);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    while (System.nanoTime() < deadline && sb.indexOf("\n") < 0) {
      b.clear();
      if (ch.read(b) < 0) {
        break;
      }
      sb.append(new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1));
      Thread.sleep(20);
    }
    return sb.length() == 0 ? "(no answer in " + ms + " ms)" : sb.toString();
  }

  private static List<String> split(String s) {
    return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
  }
}
