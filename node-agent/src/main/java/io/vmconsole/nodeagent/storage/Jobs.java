package io.vmconsole.nodeagent.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The jobs of this agent, in memory (a restarted agent forgets them; its partial files are in
 * {@code .tmp} of the pool and never visible). Keeps the latest {@value #KEEP} jobs.
 */
public final class Jobs {
  private static final Logger LOG = Logger.getLogger(Jobs.class.getName());
  private static final int KEEP = 1000;

  private final StorageEvents events;
  private final Map<String, Job> byId =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
          return size() > KEEP && eldest.getValue().state() != Job.State.Running;
        }
      };

  public Jobs(StorageEvents events) {
    this.events = events;
  }

  Job start(String type, StorageKind kind, String uid, String pool, long bytesTotal) {
    Job job = new Job(UUID.randomUUID().toString(), type, kind, uid, pool, bytesTotal);
    synchronized (byId) {
      byId.put(job.id(), job);
    }
    return job;
  }

  public Optional<Job> get(String id) {
    synchronized (byId) {
      return Optional.ofNullable(byId.get(id));
    }
  }

  /** Counts {@code n} more bytes and tells the listener when the change is worth an event. */
  void progress(Job job, long n) {
    long done = job.add(n);
    if (job.shouldPublish(done)) {
      events.progress(job.id(), done, job.bytesTotal());
    }
  }

  void succeeded(Job job, ImageInfo result) {
    if (job.shouldPublish(job.bytesDone())) {
      events.progress(job.id(), job.bytesDone(), job.bytesTotal());
    }
    job.finish(Job.State.Succeeded, null, result);
    events.finished(job.id(), true, null);
  }

  void failed(Job job, String error) {
    LOG.warning("storage job " + job.id() + " (" + job.uid() + ") failed: " + error);
    job.finish(Job.State.Failed, error, null);
    events.finished(job.id(), false, error);
  }
}
