package io.vmconsole.nodeagent.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo guest image, built once per run into a cache shared across runs ({@code
 * ~/.cache/vm-console/guest-image}; build.sh skips the build while its inputs are unchanged).
 */
public final class GuestImage {
  private static Path built;

  private GuestImage() {}

  /** Skips the calling test (assumption) where QEMU or the image tools are missing. */
  public static synchronized Path dir() throws Exception {
    assertTrue(
        onPath("qemu-system-x86_64") && onPath("qemu-img") && onPath("genisoimage"),
        "QEMU and genisoimage are needed for this test");
    if (built == null) {
      Path cache = Path.of(System.getProperty("user.home"), ".cache", "vm-console", "guest-image");
      Files.createDirectories(cache);
      Path script =
          Path.of("..", "scripts", "guest-image", "build.sh").toAbsolutePath().normalize();
      run(List.of(script.toString(), cache.toString()), 600);
      built = cache;
    }
    return built;
  }

  /** A disk from the image, as the storage code makes them: a qcow2 overlay. */
  public static Path overlay(Path pool, String name) throws Exception {
    Path disk = pool.resolve(name + ".qcow2");
    run(
        List.of(
            "qemu-img",
            "create",
            "-q",
            "-f",
            "qcow2",
            "-b",
            dir().resolve("disk.qcow2").toString(),
            "-F",
            "qcow2",
            disk.toString()),
        60);
    return disk;
  }

  public static Path blank(Path pool, String name, String size) throws Exception {
    Path disk = pool.resolve(name + ".qcow2");
    run(List.of("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), size), 60);
    return disk;
  }

  public static String run(List<String> cmd, int timeoutSeconds) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timeout: " + cmd);
    }
    if (p.exitValue() != 0) {
      throw new IOException(cmd + " failed (" + p.exitValue() + "): " + out);
    }
    return out;
  }

  static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
