package io.vmconsole.nodeagent.storage;

import java.util.concurrent.atomic.AtomicLong;

/** One asynchronous storage call (import from a URL, upload). Fields are written by one worker. */
public final class Job {
  public enum State {
    Running,
    Succeeded,
    Failed
  }

  private final String id;
  private final String type;
  private final StorageKind kind;
  private final String uid;
  private final String pool;
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicLong lastPublished = new AtomicLong(-1);
  private volatile long bytesTotal;
  private volatile State state = State.Running;
  private volatile String error;
  private volatile ImageInfo result;

  Job(String id, String type, StorageKind kind, String uid, String pool, long bytesTotal) {
    this.id = id;
    this.type = type;
    this.kind = kind;
    this.uid = uid;
    this.pool = pool;
    this.bytesTotal = bytesTotal;
  }

  public String id() {
    return id;
  }

  public State state() {
    return state;
  }

  StorageKind kind() {
    return kind;
  }

  String uid() {
    return uid;
  }

  long bytesDone() {
    return bytesDone.get();
  }

  long bytesTotal() {
    return bytesTotal;
  }

  void total(long total) {
    this.bytesTotal = total;
  }

  long add(long n) {
    return bytesDone.addAndGet(n);
  }

  /** True when enough has changed since the last event (1% or 1 MiB) to publish another. */
  boolean shouldPublish(long done) {
    long last = lastPublished.get();
    long step = Math.max(1 << 20, bytesTotal / 100);
    boolean due = last < 0 || done - last >= step || (bytesTotal > 0 && done >= bytesTotal);
    return due && done != last && lastPublished.compareAndSet(last, done);
  }

  void finish(State state, String error, ImageInfo result) {
    this.error = error;
    this.result = result;
    this.state = state;
  }

  /** The body of {@code GET /v1/storage/jobs/{id}}. */
  public record View(
      String id,
      String type,
      String kind,
      String uid,
      String pool,
      State state,
      long bytesDone,
      Long bytesTotal,
      String error,
      ImageInfo result) {}

  public View view() {
    long total = bytesTotal;
    return new View(
        id,
        type,
        kind.noun(),
        uid,
        pool,
        state,
        bytesDone.get(),
        total < 0 ? null : total,
        error,
        result);
  }
}
