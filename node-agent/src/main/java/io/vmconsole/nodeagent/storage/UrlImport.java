package io.vmconsole.nodeagent.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;

/** Import from an http(s) URL: streamed into the pool's {@code .tmp}, digested on the way. */
final class UrlImport {
  private static final int CHUNK = 1 << 16;

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(30))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final ImportPipeline pipeline;
  private final Jobs jobs;
  private final Duration stallLimit;

  /**
   * @param stallLimit a download that moves no byte for this long fails
   */
  UrlImport(ImportPipeline pipeline, Jobs jobs, Duration stallLimit) {
    this.pipeline = pipeline;
    this.jobs = jobs;
    this.stallLimit = stallLimit;
  }

  /** The URL, or a 400 naming {@code field}: only absolute http(s) URLs with a host. */
  static URI parse(String url, String field) {
    if (url == null || url.isEmpty()) {
      throw StorageError.badRequest(field, field + " is required");
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw StorageError.badRequest(field, field + " must be an http or https URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw StorageError.badRequest(field, field + " is not a URL: " + e.getMessage());
    }
  }

  /** Blocking: runs on a storage worker thread until the job has ended. */
  void run(Job job, ImportPipeline.Target target, URI uri) {
    MessageDigest digest = target.checksum() == null ? null : target.checksum().newDigest();
    try {
      HttpResponse<InputStream> response =
          client.send(
              // The request timeout covers the wait for the headers; the watch covers the body.
              HttpRequest.newBuilder(uri).timeout(stallLimit).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body();
          StallWatch watch = new StallWatch(job, stallLimit, in)) {
        if (response.statusCode() != 200) {
          pipeline.fail(job, target, "HTTP " + response.statusCode() + " from " + uri);
          return;
        }
        job.total(response.headers().firstValueAsLong("Content-Length").orElse(-1));
        try (OutputStream out =
            Files.newOutputStream(
                pipeline.tempFile(target, job),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
          byte[] buf = new byte[CHUNK];
          try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
              out.write(buf, 0, n);
              if (digest != null) {
                digest.update(buf, 0, n);
              }
              jobs.progress(job, n);
            }
          } catch (IOException e) {
            if (watch.fired()) {
              pipeline.fail(
                  job, target, "download from " + uri + " stalled: no data for " + stallLimit);
              return;
            }
            throw e;
          }
        }
      }
      long total = job.bytesTotal();
      if (total >= 0 && job.bytesDone() != total) {
        pipeline.fail(job, target, "download ended after " + job.bytesDone() + " of " + total);
        return;
      }
      pipeline.finish(job, target, digest == null ? null : digest.digest());
    } catch (IOException e) {
      pipeline.fail(job, target, "download from " + uri + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pipeline.fail(job, target, "agent stopping");
    } catch (RuntimeException e) {
      pipeline.fail(job, target, e.toString());
    }
  }
}
