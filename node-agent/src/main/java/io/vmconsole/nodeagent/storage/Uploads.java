package io.vmconsole.nodeagent.storage;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Upload in two calls: {@link #open} creates the job (so the caller has its id to watch before any
 * byte moves), {@link #receive} streams one request body into the pool's {@code .tmp} with
 * back-pressure (the request is paused while the file's write queue is full).
 */
final class Uploads {
  private record Pending(Job job, ImportPipeline.Target target) {}

  static final long EXPIRY_MINUTES = 10;
  private static final ScheduledExecutorService EXPIRY =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "storage-upload-expiry");
            t.setDaemon(true);
            return t;
          });

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Set<String> ending = ConcurrentHashMap.newKeySet();
  private final ImportPipeline pipeline;
  private final Jobs jobs;
  private final Executor worker;

  Uploads(ImportPipeline pipeline, Jobs jobs, Executor worker) {
    this.pipeline = pipeline;
    this.jobs = jobs;
    this.worker = worker;
  }

  /**
   * @param sizeBytes the declared size, or -1 (then Content-Length of the data call)
   */
  Job open(ImportPipeline.Target target, long sizeBytes) {
    Job job = jobs.start("upload", target.kind(), target.uid(), target.pool().name(), sizeBytes);
    pending.put(job.id(), new Pending(job, target));
    // An upload whose data never comes must not hold its uid forever.
    EXPIRY.schedule(
        () -> {
          Pending p = pending.remove(job.id());
          if (p != null) {
            pipeline.fail(job, target, "no data received within " + EXPIRY_MINUTES + " minutes");
          }
        },
        EXPIRY_MINUTES,
        TimeUnit.MINUTES);
    return job;
  }

  /** Must be called on the request's event loop before it returns (it pauses the request). */
  CompletionStage<Job> receive(HttpServerRequest req, String jobId) {
    Pending p = pending.remove(jobId);
    if (p == null) {
      throw jobs.get(jobId).isPresent()
          ? StorageError.conflict("job " + jobId + " already received its data")
          : StorageError.notFound("no upload job " + jobId);
    }
    req.pause();
    Job job = p.job();
    if (job.bytesTotal() < 0 && req.getHeader("Content-Length") != null) {
      job.total(Long.parseLong(req.getHeader("Content-Length")));
    }
    CompletableFuture<Job> done = new CompletableFuture<>();
    Vertx vertx = Vertx.currentContext().owner();
    String tmp = pipeline.tempFile(p.target(), job).toString();
    vertx
        .fileSystem()
        .open(tmp, new OpenOptions().setWrite(true).setCreateNew(true))
        .onFailure(e -> end(job, p.target(), null, "cannot write upload: " + e, done))
        .onSuccess(file -> stream(req, file, p, done));
    return done;
  }

  private void stream(
      HttpServerRequest req, AsyncFile file, Pending p, CompletableFuture<Job> done) {
    Job job = p.job();
    MessageDigest digest = p.target().checksum() == null ? null : p.target().checksum().newDigest();
    req.handler(
        (Buffer chunk) -> {
          if (job.bytesTotal() >= 0 && job.bytesDone() + chunk.length() > job.bytesTotal()) {
            req.handler(null);
            file.close();
            end(job, p.target(), null, "upload is larger than the declared size", done);
            return;
          }
          if (digest != null) {
            digest.update(chunk.getBytes());
          }
          jobs.progress(job, chunk.length());
          file.write(chunk);
          if (file.writeQueueFull()) {
            req.pause();
            file.drainHandler(v -> req.resume());
          }
        });
    req.exceptionHandler(
        e -> file.close(v -> end(job, p.target(), null, "upload interrupted: " + e, done)));
    req.endHandler(
        v ->
            file.close()
                .onComplete(
                    closed -> {
                      if (closed.failed()) {
                        end(job, p.target(), null, "cannot write upload: " + closed.cause(), done);
                      } else if (job.bytesTotal() >= 0 && job.bytesDone() != job.bytesTotal()) {
                        end(job, p.target(), null, "upload ended early", done);
                      } else {
                        end(job, p.target(), digest == null ? null : digest.digest(), null, done);
                      }
                    }));
    req.resume();
  }

  /** Verification and publishing block (checksum, gunzip, qemu-img), so they run on the worker. */
  private void end(
      Job job,
      ImportPipeline.Target target,
      byte[] digest,
      String error,
      CompletableFuture<Job> done) {
    // Exactly one end per upload: a refused chunk and the request's end both arrive here.
    if (!ending.add(job.id())) {
      return;
    }
    worker.execute(
        () -> {
          if (error != null) {
            pipeline.fail(job, target, error);
          } else {
            pipeline.finish(job, target, digest);
          }
          ending.remove(job.id());
          done.complete(job);
        });
  }
}
