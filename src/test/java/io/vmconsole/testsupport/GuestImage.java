package io.vmconsole.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The demo guest image where the embedded topology looks for it (~/.cache/vm-console/guest-image),
 * built by scripts/guest-image/build.sh, which does nothing while its inputs are unchanged.
 * Rebuilding it is safe under running VMs: the topology copies it into the pool.
 */
public final class GuestImage {
  private static final Path DIR =
      Path.of(System.getProperty("user.home"), ".cache/vm-console/guest-image");
  private static Path disk;

  private GuestImage() {}

  public static synchronized Path ensureBuilt() {
    if (disk == null) {
      try {
        Process p =
            new ProcessBuilder("scripts/guest-image/build.sh", DIR.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
          throw new IllegalStateException("scripts/guest-image/build.sh failed: " + out);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      disk = DIR.resolve("disk.qcow2");
    }
    return disk;
  }
}
