package io.vmconsole.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian 12's own kubectl (package {@code kubernetes-client}, 1.20), the one a fresh machine gets:
 * fetched with {@code apt-get download} and unpacked with {@code dpkg -x} into a cache directory,
 * never installed, so the machine's kubectl stays what it is. Test JVMs that run at once share the
 * one download (a file lock).
 */
public final class DebianKubectl {

  private static final Path CACHE =
      Path.of(System.getProperty("user.home"), ".cache", "vm-console", "debian-kubectl");
  private static final Path BINARY = CACHE.resolve("root/usr/bin/kubectl");
  private static volatile Path ready;

  private DebianKubectl() {}

  /** The unpacked binary, fetched on first use. */
  public static Path binary() {
    Path known = ready;
    if (known != null) {
      return known;
    }
    synchronized (DebianKubectl.class) {
      if (ready == null) {
        try {
          ready = fetch();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return ready;
    }
  }

  private static Path fetch() throws IOException, InterruptedException {
    Files.createDirectories(CACHE);
    try (FileChannel lockFile =
            FileChannel.open(
                CACHE.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (Files.isExecutable(BINARY)) {
        return BINARY;
      }
      Path download = Files.createTempDirectory(CACHE, "download");
      // apt-get download needs the package lists; a machine that installed nothing lately may have
      // none.
      if (run(download, "apt-get", "download", "kubernetes-client") != 0) {
        run(download, "apt-get", "update", "-qq");
        if (run(download, "apt-get", "download", "kubernetes-client") != 0) {
          throw new IOException(
              "apt-get download kubernetes-client failed (see "
                  + download.resolve("apt.log")
                  + ")");
        }
      }
      Path deb;
      try (Stream<Path> files = Files.list(download)) {
        deb =
            files
                .filter(f -> f.getFileName().toString().endsWith(".deb"))
                .findFirst()
                .orElseThrow(() -> new IOException("apt-get download left no .deb in " + download));
      }
      Path unpacked = CACHE.resolve("root.part");
      deleteRecursively(unpacked);
      if (run(download, "dpkg", "-x", deb.toString(), unpacked.toString()) != 0) {
        throw new IOException(
            "dpkg -x " + deb + " failed (see " + download.resolve("apt.log") + ")");
      }
      deleteRecursively(CACHE.resolve("root"));
      Files.move(unpacked, CACHE.resolve("root"));
      deleteRecursively(download);
      if (!Files.isExecutable(BINARY)) {
        throw new IOException("kubernetes-client has no usr/bin/kubectl");
      }
      return BINARY;
    }
  }

  private static int run(Path dir, String... command) throws IOException, InterruptedException {
    Path log = dir.resolve("apt.log");
    Process p =
        new ProcessBuilder(List.of(command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      Files.writeString(
          log,
          String.join(" ", command) + ": timed out\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      return -1;
    }
    return p.exitValue();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
