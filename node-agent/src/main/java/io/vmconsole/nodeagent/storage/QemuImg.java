package io.vmconsole.nodeagent.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code qemu-img} calls of the storage code. Blocking: call from a worker thread. The format
 * is always given ({@code -f}) so a raw file whose content looks like qcow2 is never probed as one.
 */
public final class QemuImg {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_MINUTES = 30;

  private final String binary;

  public QemuImg(String binary) {
    this.binary = binary;
  }

  public void createBlank(Path file, long sizeBytes) {
    run(List.of("create", "-q", "-f", "qcow2", file.toString(), Long.toString(sizeBytes)));
  }

  /** A qcow2 overlay on {@code base}; the backing path is absolute so the overlay can move. */
  public void createOverlay(Path file, Path base, String baseFormat) {
    run(
        List.of(
            "create",
            "-q",
            "-f",
            "qcow2",
            "-b",
            base.toAbsolutePath().toString(),
            "-F",
            qemuFormat(baseFormat),
            file.toString()));
  }

  public void copy(Path from, String fromFormat, Path to) {
    run(
        List.of(
            "convert",
            "-q",
            "-f",
            qemuFormat(fromFormat),
            "-O",
            "qcow2",
            from.toString(),
            to.toString()));
  }

  public void resize(Path file, String format, long sizeBytes) {
    run(
        List.of(
            "resize", "-q", "-f", qemuFormat(format), file.toString(), Long.toString(sizeBytes)));
  }

  /** {@code qemu-img info} with {@code -U}: readable while a VM runs on the image. */
  public JsonNode info(Path file, String format) {
    List<String> args = new ArrayList<>(List.of("info", "-U", "--output=json"));
    if (format != null) {
      args.addAll(List.of("-f", qemuFormat(format)));
    }
    args.add(file.toString());
    try {
      return JSON.readTree(run(args).stdout());
    } catch (IOException e) {
      throw new UncheckedIOException("qemu-img info printed no JSON for " + file, e);
    }
  }

  /**
   * The image's first 512 bytes as a guest reads them (through {@code scratch}, a file this
   * overwrites); with {@code -U}, readable while a VM runs on the image.
   */
  public byte[] firstSector(Path file, String format, Path scratch) {
    run(
        List.of(
            "dd",
            "-U",
            "-f",
            qemuFormat(format),
            "-O",
            "raw",
            "bs=512",
            "count=1",
            "if=" + file,
            "of=" + scratch));
    try {
      return java.nio.file.Files.readAllBytes(scratch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      scratch.toFile().delete();
    }
  }

  /**
   * Why the image cannot be opened without sharing (QEMU's image lock is held by another process,
   * e.g. {@code Failed to get shared "write" lock}), or null when qemu-img could open it.
   */
  public String lockConflict(Path file, String format) {
    Result r = exec(List.of("info", "--output=json", "-f", qemuFormat(format), file.toString()));
    if (r.exit() != 0 && r.stderr().contains("lock")) {
      return r.stderr().strip().lines().findFirst().orElse("locked");
    }
    return null;
  }

  /** ISO images are raw to QEMU; the extension only tells the VM code to attach a CD-ROM. */
  static String qemuFormat(String format) {
    return "iso".equals(format) ? "raw" : format;
  }

  record Result(int exit, String stdout, String stderr) {}

  private Result run(List<String> args) {
    Result r = exec(args);
    if (r.exit() != 0 && r.stderr().contains("Failed to get")) {
      // QEMU's image lock: another process (a VM) has the file open in a conflicting way.
      throw StorageError.conflict(
          "the image is in use: " + r.stderr().strip().lines().findFirst().orElse(""));
    }
    if (r.exit() != 0) {
      throw new IllegalStateException(
          "qemu-img " + args.get(0) + " failed (exit " + r.exit() + "): " + r.stderr().strip());
    }
    return r;
  }

  private Result exec(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary);
    cmd.addAll(args);
    try {
      Process p = new ProcessBuilder(cmd).start();
      p.getOutputStream().close();
      // qemu-img prints little on stderr, so reading stdout first cannot fill the stderr pipe.
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("qemu-img " + args.get(0) + " timed out");
      }
      return new Result(p.exitValue(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + binary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running qemu-img", e);
    }
  }
}
