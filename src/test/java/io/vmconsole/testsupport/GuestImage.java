package io.vmconsole.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The demo guest image, built (or found up to date) by scripts/guest-image/build.sh. */
public final class GuestImage {
  // A directory of this branch's own: build.sh rewrites its disk when the inputs change, and a base
  // image rewritten under another checkout's running overlays would corrupt them.
  private static final Path DIR = Path.of(System.getProperty("user.home"), ".cache/vm-console/guest-image-consoles");
  private static Path disk;

  private GuestImage() {}

  public static synchronized Path disk() {
    if (disk == null) {
      try {
        TestAgent.run(List.of("scripts/guest-image/build.sh", DIR.toString()), Path.of("."));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      disk = DIR.resolve("disk.qcow2");
    }
    return disk;
  }
}
