package io.vmconsole.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The one keyed work queue of the controller and IPAM: one worker per key, nothing missed, retries
 * by policy.
 */
class WorkQueueTest {

  @Test
  void aKeyAddedWhileItIsHandledRunsOnceMoreAfterwardsAndNeverTwiceAtOnce() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger concurrent = new AtomicInteger();
    List<Integer> seenConcurrency = new CopyOnWriteArrayList<>();
    try (WorkQueue queue =
        new WorkQueue(
            "test",
            4,
            key -> {
              seenConcurrency.add(concurrent.incrementAndGet());
              if (runs.incrementAndGet() == 1) {
                inside.countDown();
                awaitLatch(release);
              }
              concurrent.decrementAndGet();
            })) {
      queue.add("a");
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      queue.add("a");
      queue.add("a");
      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 2 && queue.size() == 0);
      assertThat(seenConcurrency).containsOnly(1);
    }
  }

  @Test
  void backoffRunsAFailedKeyAgainUntilItSucceeds() {
    AtomicInteger runs = new AtomicInteger();
    try (WorkQueue queue =
        new WorkQueue(
            "test",
            1,
            WorkQueue.Retry.BACKOFF,
            key -> {
              if (runs.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
              }
            })) {
      queue.add("a");
      await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 3);
    }
  }

  @Test
  void nextSweepLeavesAFailedKeyToTheNextSweep() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    try (WorkQueue queue =
        new WorkQueue(
            "test",
            1,
            WorkQueue.Retry.NEXT_SWEEP,
            key -> {
              runs.incrementAndGet();
              if (key.equals("fails")) {
                throw new IllegalStateException("API down");
              }
              done.countDown();
            })) {
      queue.add("fails");
      // Keys run in order on the one worker: once "later" ran, "fails" had its one try.
      queue.add("later");
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> queue.size() == 0);
      assertThat(runs).hasValue(2);
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aKeyAddedLaterOverAndOverWaitsOnceAndRunsOnce() {
    AtomicInteger runs = new AtomicInteger();
    try (WorkQueue queue = new WorkQueue("test", 2, key -> runs.incrementAndGet())) {
      // As a reconcile started by every watch event asks for its next look: one look is due.
      for (int i = 0; i < 10; i++) {
        queue.addAfter("a", Duration.ofMillis(300));
      }

      await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
      await()
          .during(Duration.ofMillis(800))
          .atMost(Duration.ofSeconds(2))
          .until(() -> runs.get() == 1);
    }
  }

  @Test
  void ofTwoDelayedAddsOfAKeyTheEarlierStandsAndTheLaterIsDropped() {
    AtomicInteger runs = new AtomicInteger();
    try (WorkQueue queue = new WorkQueue("test", 2, key -> runs.incrementAndGet())) {
      queue.addAfter("a", Duration.ofSeconds(3));
      queue.addAfter("a", Duration.ofMillis(100));

      // Long before the later one was due, and then nothing more when it would have been.
      await().atMost(Duration.ofMillis(2500)).until(() -> runs.get() == 1);
      await()
          .during(Duration.ofMillis(3500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> runs.get() == 1);
    }
  }
}
