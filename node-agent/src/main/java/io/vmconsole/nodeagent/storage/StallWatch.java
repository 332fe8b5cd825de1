package io.vmconsole.nodeagent.storage;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a download that stops moving. Java's HttpClient has no read timeout for a streamed body, so
 * a server that goes quiet would hold a worker and the uid forever; this interrupts the worker (a
 * blocked read then throws) when a job's byte count has not changed for the limit.
 */
final class StallWatch implements AutoCloseable {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "storage-stall-watch");
            t.setDaemon(true);
            return t;
          });

  private final Closeable stream;
  private final Job job;
  private final long limitNanos;
  private final ScheduledFuture<?> task;
  private long lastBytes = -1;
  private long lastChange = System.nanoTime();
  private boolean watching = true;
  private volatile boolean fired;

  /** Watches {@code job}, closing {@code stream} on a stall, until {@link #close}. */
  StallWatch(Job job, Duration limit, Closeable stream) {
    this.job = job;
    this.stream = stream;
    this.limitNanos = limit.toNanos();
    long period = Math.max(50, limit.toMillis() / 4);
    this.task = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  boolean fired() {
    return fired;
  }

  private synchronized void check() {
    long bytes = job.bytesDone();
    long now = System.nanoTime();
    if (bytes != lastBytes) {
      lastBytes = bytes;
      lastChange = now;
    } else if (watching && now - lastChange >= limitNanos) {
      fired = true;
      watching = false;
      try {
        stream.close();
      } catch (IOException e) {
        // Closing is the whole point; a failure to close leaves the read to its own fate.
      }
    }
  }

  @Override
  public synchronized void close() {
    watching = false;
    task.cancel(false);
  }
}
