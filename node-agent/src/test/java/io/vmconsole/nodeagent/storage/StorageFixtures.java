package io.vmconsole.nodeagent.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** Test images and helpers shared by the storage ITs. */
final class StorageFixtures {
  private StorageFixtures() {}

  static boolean qemuImgAvailable() {
    try {
      Process p = new ProcessBuilder("qemu-img", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Raw bytes that no format probe mistakes for anything else (text, fixed seed). */
  static byte[] raw(int size) {
    byte[] b = new byte[size];
    Random r = new Random(42);
    for (int i = 0; i < size; i++) {
      b[i] = (byte) ('a' + r.nextInt(26));
    }
    return b;
  }

  /** A real qcow2 file made by qemu-img, outside any pool. */
  static byte[] qcow2(Path dir, String name, long virtualSize) throws Exception {
    Path f = dir.resolve(name + ".qcow2");
    Process p =
        new ProcessBuilder(
                "qemu-img", "create", "-q", "-f", "qcow2", f.toString(), Long.toString(virtualSize))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("qemu-img create: " + out);
    }
    return Files.readAllBytes(f);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static String sha256(byte[] data) throws NoSuchAlgorithmException {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  /** Every file under {@code dir} (the pools' disks/, images/ and .tmp/). */
  static long fileCount(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }
}
