package io.vmconsole.nodeagent.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Boots a diskless VM under KVM and watches it through QMP on stdio. /dev/kvm existing is not
 * proof: on nested or software KVM QEMU aborts while setting MSRs, SeaBIOS stops with an emulation
 * failure, or the first {@code iret} in protected mode does (the VM then sits in "internal-error").
 * Proof is a guest ({@link ProbeGuest}) that gets through that {@code iret} and says so on the
 * debug console, while the VM stays "running".
 */
final class KvmProbeVm {
  /** SeaBIOS fails within a few hundred ms on a broken KVM; watch for longer than that. */
  private static final long WATCH_MILLIS = 1500;

  private static final long POLL_MILLIS = 250;
  private static final ObjectMapper JSON = new ObjectMapper();

  private KvmProbeVm() {}

  /** Empty when KVM worked, else why not. */
  static Optional<String> run(String qemuBinary) {
    return run(qemuBinary, "kvm", "host");
  }

  /**
   * The same probe under another accelerator: under TCG it shows that the probe guest itself is
   * right (a probe that failed everywhere would silently keep every host on TCG).
   */
  static Optional<String> run(String qemuBinary, String accelerator, String cpu) {
    Path dir;
    try {
      dir = Files.createTempDirectory("kvm-probe");
    } catch (IOException e) {
      return Optional.of("cannot make the probe's directory: " + e.getMessage());
    }
    try {
      return run(qemuBinary, accelerator, cpu, dir);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static Optional<String> run(String qemuBinary, String accelerator, String cpu, Path dir) {
    Path guest = dir.resolve("probe-guest.img");
    Path debugConsole = dir.resolve("debugcon.log");
    Process p;
    try {
      Files.write(guest, ProbeGuest.image());
      p =
          new ProcessBuilder(
                  qemuBinary,
                  "-machine",
                  "pc",
                  "-accel",
                  accelerator,
                  "-cpu",
                  cpu,
                  "-nodefaults",
                  "-no-user-config",
                  "-display",
                  "none",
                  "-m",
                  "32",
                  "-kernel",
                  guest.toString(),
                  "-chardev",
                  "file,id=probe-debug,path=" + debugConsole,
                  "-device",
                  "isa-debugcon,iobase=" + ProbeGuest.DEBUG_PORT + ",chardev=probe-debug",
                  "-qmp",
                  "stdio")
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return Optional.of("cannot start QEMU: " + e.getMessage());
    }
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> readLines(p, lines), "kvm-probe-reader");
    reader.setDaemon(true);
    reader.start();
    try (OutputStream in = p.getOutputStream()) {
      send(in, "qmp_capabilities");
      String lastText = "";
      long deadline = System.currentTimeMillis() + WATCH_MILLIS;
      String status = null;
      while (System.currentTimeMillis() < deadline || status == null) {
        if (!p.isAlive()) {
          return Optional.of(
              "QEMU exited under " + accelerator + ": " + drainText(lines, lastText));
        }
        send(in, "query-status");
        String line;
        while ((line = lines.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) != null) {
          if (!line.startsWith("{")) {
            lastText = line;
            continue;
          }
          JsonNode ret = JSON.readTree(line).path("return");
          if (ret.has("status")) {
            status = ret.get("status").asText();
            break;
          }
        }
        if (status != null && !status.equals("running")) {
          return Optional.of("probe VM under KVM went to state " + status);
        }
        if (System.currentTimeMillis() > deadline + 5000) {
          return Optional.of("probe VM did not answer QMP");
        }
      }
      if (!readQuietly(debugConsole).contains(ProbeGuest.MARKER)) {
        return Optional.of(
            "probe guest under "
                + accelerator
                + " did not get through an iret in protected mode: "
                + drainText(lines, lastText));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("probe VM failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    } finally {
      p.destroyForcibly();
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind costs a few bytes.
    }
  }

  private static void send(OutputStream in, String command) throws IOException {
    in.write(("{\"execute\":\"" + command + "\"}\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private static String drainText(BlockingQueue<String> lines, String last)
      throws InterruptedException {
    String line;
    while ((line = lines.poll(200, TimeUnit.MILLISECONDS)) != null) {
      if (!line.startsWith("{")) {
        last = line;
      }
    }
    return last;
  }

  private static void readLines(Process p, BlockingQueue<String> lines) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line.strip());
      }
    } catch (IOException e) {
      // The process went away; the probe notices through isAlive().
    }
  }
}
