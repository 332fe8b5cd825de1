package io.vmconsole.nodeagent.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether any QEMU process has an image open, read-only or read-write, on this host or (with a
 * lock-aware shared filesystem) any other.
 *
 * <p>QEMU's file-posix driver takes OFD byte-range locks: byte {@code 100+bit} for each permission
 * it holds and {@code 200+bit} for each it refuses to share. Every opener holds at least
 * "consistent read" (byte 100), so an exclusive test lock over both ranges fails exactly when some
 * QEMU has the file open. Java's locks are POSIX record locks, which conflict with OFD locks on
 * Linux. This also catches read-only users (a VM with the image as its CD-ROM or read-only disk),
 * which {@code qemu-img info} without {@code -U} does not: it only conflicts with writers.
 */
final class ImageLock {
  private static final long PERM_BASE = 100;
  private static final long SHARED_BASE = 200;
  private static final long RANGE = 64;

  private ImageLock() {}

  /**
   * A description of the holder, or null when no process holds QEMU's lock bytes (or the file is
   * not writable by the agent, when only {@code qemu-img}'s check remains).
   */
  static String holder(Path file) {
    if (!Files.isWritable(file)) {
      return null;
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      for (long base : new long[] {PERM_BASE, SHARED_BASE}) {
        FileLock probe;
        try {
          probe = ch.tryLock(base, RANGE, false);
        } catch (OverlappingFileLockException e) {
          return "another call of this agent is checking the image";
        }
        if (probe == null) {
          return "a QEMU process holds the image lock (bytes " + base + "+)";
        }
        // Released at once: holding it would stop a VM from opening the image.
        probe.release();
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot probe the image lock of " + file, e);
    }
  }
}
