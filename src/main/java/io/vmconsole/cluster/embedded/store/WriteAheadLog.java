package io.vmconsole.cluster.embedded.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log with group commit. Changes are appended in memory, in resourceVersion order, by writers
 * holding the store's write lock; one committer thread takes everything appended since its last
 * turn, writes it as one batch of frames and forces it once, then tells the store (which notifies
 * watches) and completes the waiters of that batch. While it forces, the next batch gathers: the
 * more writers wait, the more changes one fsync covers, and a lone writer waits for exactly one.
 *
 * <p>After {@code snapshotEveryBytes} of log, the committer cuts a snapshot: under the store's
 * write lock it takes the pending changes and a copy of the index, commits the former, starts a new
 * segment, and a second thread writes the snapshot; once it is durable, the segments it covers are
 * deleted.
 */
final class WriteAheadLog implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WriteAheadLog.class.getName());

  /** What the log needs from the store that owns it. */
  interface Owner {
    /** On the committer thread, in order, once a batch is durable and before its waiters run. */
    void durable(List<Change> batch);

    /**
     * Under the store's write lock: {@link #drainPending()} and a copy of every object, consistent
     * with each other.
     */
    Cut cut();
  }

  /** The store as of one point of the log: what was still pending then, and every object. */
  record Cut(List<Change> pending, long resourceVersion, List<Snapshots.Entry> entries) {}

  private final StorageDevice device;
  private final Path dir;
  private final long snapshotEveryBytes;
  private final Frames frames = new Frames();
  private final Object queue = new Object();
  private final NavigableMap<Long, CompletableFuture<Void>> waiters = new TreeMap<>();
  private final AtomicLong forces = new AtomicLong();
  private final AtomicBoolean snapshotting = new AtomicBoolean();
  private final ExecutorService snapshotWriter =
      Executors.newSingleThreadExecutor(r -> daemon(r, "store-snapshot"));
  private Owner owner;
  private Thread committer;

  // Guarded by queue.
  private List<Change> pending = new ArrayList<>();
  private long appended;
  private boolean closing;

  private volatile long durable;
  private volatile Throwable failure;

  // The committer's own.
  private long segmentNumber;
  private StorageDevice.AppendFile segment;
  private long bytesSinceSnapshot;

  WriteAheadLog(
      StorageDevice device,
      Path dir,
      long segmentNumber,
      long bytesSinceSnapshot,
      long snapshotEveryBytes)
      throws IOException {
    this.device = device;
    this.dir = dir;
    this.segmentNumber = segmentNumber;
    this.bytesSinceSnapshot = bytesSinceSnapshot;
    this.snapshotEveryBytes = snapshotEveryBytes;
    this.segment = device.append(StoreFiles.segment(dir, segmentNumber));
    device.syncDirectory(dir);
  }

  void start(Owner owner) {
    this.owner = owner;
    committer = daemon(this::run, "store-commit");
    committer.start();
  }

  /** Queues a change; call with the store's write lock held, so the log keeps its order. */
  long append(Change change) {
    synchronized (queue) {
      pending.add(change);
      queue.notifyAll();
      return ++appended;
    }
  }

  /** Every change queued but not yet taken by the committer (see {@link Owner#cut()}). */
  List<Change> drainPending() {
    synchronized (queue) {
      List<Change> taken = pending;
      pending = new ArrayList<>();
      return taken;
    }
  }

  /** Completes once every change appended so far is durable; fails if the log has failed. */
  CompletableFuture<Void> whenDurable() {
    long target;
    synchronized (queue) {
      target = appended;
    }
    return whenDurable(target);
  }

  private CompletableFuture<Void> whenDurable(long sequence) {
    if (failure != null) {
      return CompletableFuture.failedFuture(new StoreFailedException(failure));
    }
    if (durable >= sequence) {
      return CompletableFuture.completedFuture(null);
    }
    synchronized (waiters) {
      if (durable >= sequence) {
        return CompletableFuture.completedFuture(null);
      }
      return waiters.computeIfAbsent(sequence, s -> new CompletableFuture<>());
    }
  }

  /** How many times the log has forced its file: with {@code appended}, the size of its batches. */
  long forces() {
    return forces.get();
  }

  /** A reason the log cannot go on, or null. */
  Throwable failure() {
    return failure;
  }

  private void run() {
    try {
      while (true) {
        List<Change> batch;
        synchronized (queue) {
          while (pending.isEmpty() && !closing) {
            queue.wait();
          }
          if (pending.isEmpty()) {
            return;
          }
          batch = pending;
          pending = new ArrayList<>();
        }
        commit(batch);
        if (bytesSinceSnapshot >= snapshotEveryBytes && snapshotting.compareAndSet(false, true)) {
          cutSnapshot();
        }
      }
    } catch (InterruptedException e) {
      fail(e);
    } catch (Throwable e) {
      LOG.log(
          Level.SEVERE, "the API store's log failed; the API server stops accepting requests", e);
      fail(e);
    }
  }

  private void commit(List<Change> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    frames.clear();
    for (Change c : batch) {
      frames.add(json -> Records.write(json, c.resourceVersion(), c.key(), c.newObject()));
    }
    segment.write(frames.bytes());
    segment.force();
    forces.incrementAndGet();
    bytesSinceSnapshot += frames.size();
    owner.durable(batch);
    long now = durable + batch.size();
    durable = now;
    List<CompletableFuture<Void>> done = new ArrayList<>();
    synchronized (waiters) {
      Map<Long, CompletableFuture<Void>> reached = waiters.headMap(now, true);
      done.addAll(reached.values());
      reached.clear();
    }
    done.forEach(f -> f.complete(null));
  }

  private void cutSnapshot() throws IOException {
    Cut cut = owner.cut();
    commit(cut.pending());
    segment.close();
    segmentNumber++;
    segment = device.append(StoreFiles.segment(dir, segmentNumber));
    device.syncDirectory(dir);
    bytesSinceSnapshot = 0;
    long covers = segmentNumber;
    snapshotWriter.execute(() -> writeSnapshot(covers, cut));
  }

  private void writeSnapshot(long number, Cut cut) {
    try {
      Snapshots.write(device, dir, number, cut.resourceVersion(), cut.entries());
      for (Path f : StoreFiles.list(dir)) {
        boolean older =
            StoreFiles.segmentNumber(f).orElse(Long.MAX_VALUE) < number
                || StoreFiles.snapshotNumber(f).orElse(Long.MAX_VALUE) < number;
        if (older) {
          device.delete(f);
        }
      }
      device.syncDirectory(dir);
    } catch (IOException | RuntimeException e) {
      // The log still holds everything: the next cut tries again, recovery just reads more log.
      LOG.log(Level.WARNING, "writing a snapshot of the API store failed", e);
    } finally {
      snapshotting.set(false);
    }
  }

  private void fail(Throwable e) {
    failure = e;
    List<CompletableFuture<Void>> failed;
    synchronized (waiters) {
      failed = new ArrayList<>(waiters.values());
      waiters.clear();
    }
    failed.forEach(f -> f.completeExceptionally(new StoreFailedException(e)));
  }

  @Override
  public void close() throws IOException {
    synchronized (queue) {
      closing = true;
      queue.notifyAll();
    }
    try {
      if (committer != null) {
        committer.join(TimeUnit.SECONDS.toMillis(30));
      }
      snapshotWriter.shutdown();
      snapshotWriter.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    segment.close();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
