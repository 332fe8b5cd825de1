package io.vmconsole.cluster;

import io.vmconsole.base.LogSafe;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A keyed work queue as client-go has it: a key waits at most once, one worker handles a key at a
 * time (a key added while it is handled runs again afterwards, so no change is missed). What a
 * failure does is the queue's {@link Retry}.
 */
public final class WorkQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);

  private static final long SLOW_MS = 5_000;

  /** What becomes of a key whose handling failed. */
  public enum Retry {
    /**
     * It runs again after a delay that grows with each failure (50 ms after a lost race, 200 ms
     * else; 30 s at most).
     */
    BACKOFF,
    /**
     * It waits for the owner's next periodic sweep, which adds every key again: an unreachable API
     * is not hammered, and the sweep's interval is the only timing there is.
     */
    NEXT_SWEEP
  }

  private final String name;
  private final Retry retry;
  private final Consumer<String> handler;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final Set<String> queued = new HashSet<>();
  private final Set<String> running = new HashSet<>();
  private final Set<String> dirty = new HashSet<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Map<String, Delayed> delayed = new HashMap<>();

  public WorkQueue(String name, int threads, Consumer<String> handler) {
    this(name, threads, Retry.BACKOFF, handler);
  }

  public WorkQueue(String name, int threads, Retry retry, Consumer<String> handler) {
    this.name = name;
    this.retry = retry;
    this.handler = handler;
    this.workers = Executors.newFixedThreadPool(threads, r -> daemon(r, name + "-worker"));
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-timer"));
  }

  /**
   * A queue whose handler answers when to look at the key again (null: only when it is added
   * again), as a reconciler does: the requeue is the queue's, not each caller's.
   */
  public static WorkQueue requeueing(
      String name, int threads, Function<String, Duration> reconcile) {
    AtomicReference<WorkQueue> self = new AtomicReference<>();
    WorkQueue queue =
        new WorkQueue(
            name,
            threads,
            Retry.BACKOFF,
            key -> {
              Duration again = reconcile.apply(key);
              if (again != null) {
                self.get().addAfter(key, again);
              }
            });
    self.set(queue);
    return queue;
  }

  public void add(String key) {
    if (workers.isShutdown()) {
      return;
    }
    synchronized (this) {
      if (running.contains(key)) {
        dirty.add(key);
        return;
      }
      if (!queued.add(key)) {
        return;
      }
    }
    workers.execute(() -> run(key));
  }

  /** Keys waiting or being handled. */
  public synchronized int size() {
    return queued.size() + running.size();
  }

  /**
   * Adds the key once the delay has passed. A key has at most one such add pending: of two, the
   * earlier stays (as in client-go's delaying queue). Before, every reconcile that a watch event or
   * a resync started scheduled one more periodic chain for its key, and the chains never ended: an
   * idle console looked at each VM more often the longer it ran (20 idle VMs were reconciled 13
   * times a second after two minutes, where their 15 s requeue and the 30 s resync make 2).
   */
  public void addAfter(String key, Duration delay) {
    long due = System.nanoTime() + delay.toNanos();
    synchronized (this) {
      Delayed pending = delayed.get(key);
      if (pending != null && pending.due() - due <= 0) {
        return;
      }
      try {
        // Scheduled under the lock: fire() waits for it, so it always finds its own entry.
        ScheduledFuture<?> future =
            timer.schedule(() -> fire(key, due), delay.toMillis(), TimeUnit.MILLISECONDS);
        if (pending != null) {
          pending.future().cancel(false);
        }
        delayed.put(key, new Delayed(due, future));
      } catch (RejectedExecutionException closed) {
        // the queue is closing
      }
    }
  }

  private void fire(String key, long due) {
    synchronized (this) {
      Delayed pending = delayed.get(key);
      if (pending == null || pending.due() != due) {
        return; // an earlier add replaced this one
      }
      delayed.remove(key);
    }
    add(key);
  }

  /** A key's pending delayed add: when it is due (System.nanoTime) and its timer task. */
  private record Delayed(long due, ScheduledFuture<?> future) {}

  private void run(String key) {
    synchronized (this) {
      queued.remove(key);
      running.add(key);
    }
    long began = System.nanoTime();
    try {
      handler.accept(key);
      failures.remove(key);
    } catch (RuntimeException e) {
      failed(key, e);
    } finally {
      long tookMs = (System.nanoTime() - began) / 1_000_000;
      if (tookMs > SLOW_MS) {
        // A worker held this long delays every other key of the queue: worth seeing when a change
        // lags.
        log.info("{} {}: handled in {} ms", name, key, tookMs);
      }
      boolean again;
      synchronized (this) {
        running.remove(key);
        again = dirty.remove(key);
      }
      if (again) {
        add(key);
      }
    }
  }

  private void failed(String key, RuntimeException e) {
    if (retry == Retry.NEXT_SWEEP) {
      failures.remove(key);
      log.warn("{} {}: failed; the next sweep retries it: {}", name, key, LogSafe.failure(e));
      return;
    }
    int n = failures.merge(key, 1, Integer::sum);
    if (e instanceof ResourceAccess.ConflictException) {
      // A write from a cache a change had not reached yet: routine, and the next pass reads the
      // change.
      long delay = Math.min(30_000, 50L << Math.min(n, 8));
      log.debug("{} {}: conflict, retry in {} ms: {}", name, key, delay, LogSafe.failure(e));
      addAfter(key, Duration.ofMillis(delay));
    } else {
      long delay = Math.min(30_000, 200L << Math.min(n, 8));
      log.info("{} {}: {} (retry in {} ms)", name, key, LogSafe.failure(e), delay);
      addAfter(key, Duration.ofMillis(delay));
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    workers.shutdownNow();
  }
}
