package io.vmconsole.ipam;

import io.vmconsole.base.LogSafe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys to reconcile, worked on by a fixed set of threads; a key is never worked on by two threads at
 * once (so one vmip never claims twice in parallel), and a key queued while being worked on runs again
 * afterwards (so no change is missed). A failed key waits for the
 * next periodic sweep, so an unreachable API is not hammered.
 */
final class WorkQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);

  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Set<String> active = ConcurrentHashMap.newKeySet();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final ExecutorService workers;
  private final Consumer<String> handler;
  private volatile boolean running = true;

  WorkQueue(int threads, String name, Consumer<String> handler) {
    this.handler = handler;
    this.workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    for (int i = 0; i < threads; i++) {
      workers.execute(this::work);
    }
  }

  void add(String key) {
    synchronized (this) {
      if (active.contains(key)) {
        dirty.add(key);
        return;
      }
      if (!queued.add(key)) {
        return;
      }
    }
    queue.add(key);
  }

  int size() {
    return queue.size() + active.size();
  }

  private void work() {
    while (running) {
      String key;
      try {
        key = queue.poll(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (key == null) {
        continue;
      }
      synchronized (this) {
        queued.remove(key);
        active.add(key);
      }
      try {
        handler.accept(key);
      } catch (RuntimeException e) {
        log.warn("reconcile of {} failed; the next sweep retries it: {}", key, LogSafe.failure(e));
      }
      boolean again;
      synchronized (this) {
        active.remove(key);
        again = dirty.remove(key);
      }
      if (again && running) {
        add(key);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    workers.shutdownNow();
  }
}
