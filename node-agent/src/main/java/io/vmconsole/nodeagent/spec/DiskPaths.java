package io.vmconsole.nodeagent.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Disk files may only come from the configured pools: a spec naming {@code /etc/shadow} as a raw
 * disk must not hand it to a guest. Symlinks are resolved before the check.
 */
public final class DiskPaths {
  private static final byte[] QCOW2_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};
  private final List<Path> pools;

  public DiskPaths(List<Path> pools) {
    this.pools = pools.stream().map(DiskPaths::real).toList();
  }

  /** Returns the real path of an existing disk file inside a pool. */
  public String check(String path, String format, String field) {
    Path p = Path.of(path);
    if (!p.isAbsolute()) {
      throw new BadRequestException(field, "disk path must be absolute: " + path);
    }
    if (!Files.isRegularFile(p)) {
      throw new BadRequestException(field, "unknown disk file: " + path);
    }
    Path real = real(p);
    if (pools.stream().noneMatch(real::startsWith)) {
      throw new BadRequestException(field, "disk path is outside the pools: " + path);
    }
    if (format.equals("qcow2") && !hasQcow2Magic(real)) {
      throw new BadRequestException(field, "not a qcow2 file: " + path);
    }
    return real.toString();
  }

  private static boolean hasQcow2Magic(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] head = in.readNBytes(4);
      return java.util.Arrays.equals(head, QCOW2_MAGIC);
    } catch (IOException e) {
      return false;
    }
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
