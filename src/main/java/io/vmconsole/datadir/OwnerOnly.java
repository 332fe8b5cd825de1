package io.vmconsole.datadir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files and directories only their owner can read: everything under the data directory (Secrets,
 * cloud-init seeds, serial logs, disk images, tokens). Each is created so, never widened
 * afterwards; the process's umask is not relied on, since the console runs inside other programs
 * too (tests, IDEs).
 */
public final class OwnerOnly {

  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final FileAttribute<Set<PosixFilePermission>> FILE_ATTRIBUTE =
      PosixFilePermissions.asFileAttribute(FILE);
  private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_ATTRIBUTE =
      PosixFilePermissions.asFileAttribute(DIRECTORY);
  private static final Set<PosixFilePermission> GROUP_AND_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private OwnerOnly() {}

  /**
   * The directory and any missing parents, each made owner-only; the directory itself is made so
   * too.
   */
  public static Path directories(Path dir) throws IOException {
    Files.createDirectories(dir, DIRECTORY_ATTRIBUTE);
    Files.setPosixFilePermissions(dir, DIRECTORY);
    return dir;
  }

  /** Replaces the file in one step (a crash leaves the old or the new one), owner-only. */
  public static void write(Path file, byte[] content) throws IOException {
    parentOf(file);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, FILE_ATTRIBUTE);
    Files.write(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends, creating the file owner-only when it is missing. */
  public static void append(Path file, byte[] content, StandardOpenOption... extra)
      throws IOException {
    parentOf(file);
    Set<StandardOpenOption> options =
        EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    options.addAll(Set.of(extra));
    try (var channel = Files.newByteChannel(file, options, FILE_ATTRIBUTE)) {
      channel.write(java.nio.ByteBuffer.wrap(content));
    }
  }

  /** An empty owner-only file when there is none (for output another process appends to). */
  public static Path existing(Path file) throws IOException {
    parentOf(file);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      Files.createFile(file, FILE_ATTRIBUTE);
    }
    return file;
  }

  /**
   * A missing parent directory is made owner-only; one that exists is left as it is (no extra
   * calls).
   */
  private static void parentOf(Path file) throws IOException {
    Path parent = file.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      directories(parent);
    }
  }

  /**
   * Takes group's and others' rights away from one file or directory (its owner's stay as they
   * are).
   */
  public static void restrict(Path path) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    if (perms.removeAll(GROUP_AND_OTHERS)) {
      Files.setPosixFilePermissions(path, perms);
    }
  }

  /**
   * Everything under the root made owner-only: data directories written before files were created
   * so (then 0644 in 0755) are put right once, at start. Links are not followed.
   */
  public static void restrictTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            restrict(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (!attrs.isSymbolicLink()) {
              restrict(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // gone meanwhile (a QEMU socket, a temporary file)
          }
        });
  }
}
