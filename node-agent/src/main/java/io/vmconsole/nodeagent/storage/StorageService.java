package io.vmconsole.nodeagent.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The storage calls behind the HTTP routes, one method per call, each taking the parsed request
 * object. Validation happens first and throws {@link StorageError}; only then is anything written.
 */
public final class StorageService {
  private final Pools pools;
  private final Jobs jobs;
  private final DiskOps ops;
  private final ImportPipeline pipeline;
  private final UrlImport urlImport;
  private final Uploads uploads;

  /** Downloads run long; they get their own threads so they never delay a create or delete. */
  private final ExecutorService jobWorkers = workers("storage-job", 4);

  private final ExecutorService opWorkers = workers("storage-op", 4);

  public StorageService(Pools pools, String qemuImgBinary, StorageEvents events) {
    this(pools, qemuImgBinary, events, Duration.ofMinutes(2));
  }

  /**
   * @param stallLimit a download that moves no byte for this long fails
   */
  StorageService(Pools pools, String qemuImgBinary, StorageEvents events, Duration stallLimit) {
    this.pools = pools;
    this.jobs = new Jobs(events);
    QemuImg qemuImg = new QemuImg(qemuImgBinary);
    this.ops = new DiskOps(pools, qemuImg);
    this.pipeline = new ImportPipeline(pools, qemuImg, jobs);
    this.urlImport = new UrlImport(pipeline, jobs, stallLimit);
    this.uploads = new Uploads(pipeline, jobs, jobWorkers);
  }

  public Pools pools() {
    return pools;
  }

  ExecutorService opWorkers() {
    return opWorkers;
  }

  Uploads uploads() {
    return uploads;
  }

  /**
   * {@code {uid, pool?, sizeBytes}} or {@code {uid, pool?, image: {uid}|{path}, mode, sizeBytes?}}.
   */
  ImageInfo createDisk(JsonNode req) {
    String uid = SafeId.require(StorageJson.text(req, "uid", "uid"), "uid");
    StoragePool pool = pools.pool(StorageJson.text(req, "pool", "pool"), "pool");
    long size = StorageJson.size(req, "sizeBytes", "sizeBytes");
    JsonNode image = StorageJson.object(req, "image", "image");
    if (image == null) {
      if (size < 0) {
        throw StorageError.badRequest("sizeBytes", "sizeBytes is required for a blank disk");
      }
      return ops.createBlank(pool, uid, size);
    }
    String mode = StorageJson.text(req, "mode", "mode");
    if (!"overlay".equals(mode) && !"copy".equals(mode)) {
      throw StorageError.badRequest("mode", "mode must be overlay or copy");
    }
    Pools.PoolFile base = imageRef(image);
    if (base.format().equals("iso")) {
      throw StorageError.badRequest("image", "an ISO image is attached as a CD-ROM, not a disk");
    }
    return ops.createFromImage(pool, uid, base, mode.equals("overlay"), size);
  }

  private Pools.PoolFile imageRef(JsonNode image) {
    String path = StorageJson.text(image, "path", "image.path");
    if (path != null) {
      Pools.PoolFile f = pools.requireInside(path, "image.path");
      if (f.kind() != StorageKind.IMAGE) {
        throw StorageError.badRequest("image.path", "image.path must be in a pool's images/");
      }
      return f;
    }
    String uid = SafeId.require(StorageJson.text(image, "uid", "image.uid"), "image.uid");
    return pools
        .find(StorageKind.IMAGE, uid)
        .orElseThrow(() -> StorageError.badRequest("image.uid", "no image with uid " + uid));
  }

  ImageInfo grow(String uid, JsonNode req) {
    SafeId.require(uid, "uid");
    long size = StorageJson.size(req, "sizeBytes", "sizeBytes");
    if (size < 0) {
      throw StorageError.badRequest("sizeBytes", "sizeBytes is required");
    }
    return ops.grow(uid, size);
  }

  ImageInfo info(StorageKind kind, String uid) {
    return ops.info(pools.require(kind, SafeId.require(uid, "uid")));
  }

  void delete(StorageKind kind, String uid) {
    ops.delete(kind, SafeId.require(uid, "uid"));
  }

  /** {@code {kind, uid, pool?, url, checksum?, format?}}: starts the download, returns its job. */
  Job importUrl(JsonNode req) {
    ImportPipeline.Target target = target(req);
    URI uri = UrlImport.parse(StorageJson.text(req, "url", "url"), "url");
    pools.claim(target.kind(), target.uid());
    Job job = jobs.start("import", target.kind(), target.uid(), target.pool().name(), -1);
    jobWorkers.execute(() -> urlImport.run(job, target, uri));
    return job;
  }

  /** {@code {kind, uid, pool?, sizeBytes?, checksum?, format?}}: the job that awaits the data. */
  Job openUpload(JsonNode req) {
    ImportPipeline.Target target = target(req);
    long size = StorageJson.count(req, "sizeBytes", "sizeBytes");
    pools.claim(target.kind(), target.uid());
    return uploads.open(target, size);
  }

  Job job(String id) {
    return jobs.get(id).orElseThrow(() -> StorageError.notFound("no storage job " + id));
  }

  private ImportPipeline.Target target(JsonNode req) {
    String kindText = StorageJson.text(req, "kind", "kind");
    StorageKind kind;
    if ("disk".equals(kindText)) {
      kind = StorageKind.DISK;
    } else if ("image".equals(kindText)) {
      kind = StorageKind.IMAGE;
    } else {
      throw StorageError.badRequest("kind", "kind must be disk or image");
    }
    String uid = SafeId.require(StorageJson.text(req, "uid", "uid"), "uid");
    StoragePool pool = pools.pool(StorageJson.text(req, "pool", "pool"), "pool");
    String format = StorageJson.text(req, "format", "format");
    format = format == null ? null : format.toLowerCase(Locale.ROOT);
    if (format != null && !Pools.FORMATS.contains(format)) {
      throw StorageError.badRequest("format", "format must be one of " + Pools.FORMATS);
    }
    Checksum checksum = Checksum.parse(StorageJson.text(req, "checksum", "checksum"), "checksum");
    return new ImportPipeline.Target(pool, kind, uid, format, checksum);
  }

  /** Idle threads end, so an agent that never imports holds none. */
  private static ExecutorService workers(String name, int n) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            n,
            n,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  List<StoragePool> poolList() {
    return pools.all();
  }
}
