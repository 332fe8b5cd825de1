package io.vmconsole.nodeagent.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * What every import does once the bytes are in the pool's {@code .tmp}: verify the checksum,
 * decompress gzip, detect and check the format, then publish with an atomic rename. Until that
 * rename nothing is visible under the uid; on failure nothing is left.
 */
final class ImportPipeline {
  private static final Logger LOG = Logger.getLogger(ImportPipeline.class.getName());

  /**
   * @param format the format the caller expects, or null to accept any supported one
   * @param checksum of the bytes as transferred (compressed, if gzip), or null
   */
  record Target(StoragePool pool, StorageKind kind, String uid, String format, Checksum checksum) {}

  private final Pools pools;
  private final QemuImg qemuImg;
  private final Jobs jobs;

  ImportPipeline(Pools pools, QemuImg qemuImg, Jobs jobs) {
    this.pools = pools;
    this.qemuImg = qemuImg;
    this.jobs = jobs;
  }

  Path tempFile(Target t, Job job) {
    return t.pool().tmp().resolve(job.id() + ".part");
  }

  /** Blocking. Always ends the job and releases the uid. */
  void finish(Job job, Target t, byte[] digest) {
    Path tmp = tempFile(t, job);
    Path unzipped = tmp.resolveSibling(job.id() + ".unzipped");
    try {
      String mismatch = t.checksum() == null ? null : t.checksum().mismatch(digest);
      if (mismatch != null) {
        fail(job, t, mismatch);
        return;
      }
      Path data = tmp;
      if (isGzip(tmp)) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tmp), 1 << 16)) {
          Files.copy(in, unzipped);
        }
        data = unzipped;
      }
      String format = detectFormat(data);
      if (t.format() != null && !t.format().equals(format)) {
        fail(job, t, "the imported file is " + format + ", not " + t.format());
        return;
      }
      Path target = pools.file(t.pool(), t.kind(), t.uid(), format);
      Files.move(data, target, StandardCopyOption.ATOMIC_MOVE);
      cleanUp(job, t);
      var file = new Pools.PoolFile(t.pool(), t.kind(), t.uid(), format, target);
      jobs.succeeded(job, ImageInfo.of(file, qemuImg.info(target, format)));
    } catch (RuntimeException | IOException e) {
      fail(job, t, e.getMessage() == null ? e.toString() : e.getMessage());
    } finally {
      pools.release(t.kind(), t.uid());
    }
  }

  /** Ends the job as failed, leaving no file behind. */
  void fail(Job job, Target t, String error) {
    cleanUp(job, t);
    pools.release(t.kind(), t.uid());
    if (job.state() == Job.State.Running) {
      jobs.failed(job, error);
    }
  }

  private void cleanUp(Job job, Target t) {
    Path tmp = tempFile(t, job);
    try {
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(tmp.resolveSibling(job.id() + ".unzipped"));
    } catch (IOException e) {
      // Only .tmp is affected, which is never read as a pool file; log-worthy, not job-worthy.
      LOG.warning("cannot remove partial import " + tmp + ": " + e);
    }
  }

  /**
   * qcow2, raw or iso. Probing is safe here: nobody uses the temp file. A qcow2 with a backing or
   * external data file is refused: it would make QEMU open a path the importer chose.
   */
  private String detectFormat(Path data) throws IOException {
    JsonNode info = qemuImg.info(data, null);
    String format = info.path("format").asText();
    if ("qcow2".equals(format)) {
      if (info.hasNonNull("backing-filename")
          || info.path("format-specific").path("data").hasNonNull("data-file")) {
        throw new IllegalStateException(
            "the imported qcow2 refers to another file (backing or data file)");
      }
      return format;
    }
    if ("raw".equals(format)) {
      return isIso(data) ? "iso" : "raw";
    }
    throw new IllegalStateException(
        "the imported file is " + format + "; supported: qcow2, raw, iso (optionally gzip)");
  }

  private static boolean isGzip(Path p) throws IOException {
    byte[] head = readAt(p, 0, 2);
    return head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
  }

  /** ISO 9660: "CD001" at byte 0x8001 (the primary volume descriptor of sector 16). */
  private static boolean isIso(Path p) throws IOException {
    return "CD001".equals(new String(readAt(p, 0x8001, 5), StandardCharsets.US_ASCII));
  }

  private static byte[] readAt(Path p, long offset, int n) throws IOException {
    try (FileChannel ch = FileChannel.open(p)) {
      ByteBuffer buf = ByteBuffer.allocate(n);
      while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
        // read until full or end of file
      }
      byte[] out = new byte[buf.position()];
      buf.flip().get(out);
      return out;
    }
  }
}
