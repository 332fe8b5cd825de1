package io.vmconsole.nodeagent.migration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The source's bound on bytes handed to the WebSocket and not yet written to its socket. */
class SendWindowTest {
  private static final long LONG_MS = 60_000;

  @Test
  void aFullWindowHoldsTheReaderUntilTheSocketTookBytes() throws Exception {
    SendWindow w = new SendWindow(100);
    w.acquire(60, LONG_MS);
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> acquire(w, 60));
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !second.isDone());
    w.release(60);
    second.get(10, TimeUnit.SECONDS);
    assertEquals(60, w.inFlight());
  }

  @Test
  void aFrameLargerThanTheWindowGoesAloneIntoAnEmptyOne() throws Exception {
    SendWindow w = new SendWindow(100);
    w.acquire(500, LONG_MS);
    assertEquals(500, w.inFlight());
  }

  @Test
  void closingWakesTheReaderWithTheReason() {
    SendWindow w = new SendWindow(100);
    CompletableFuture<Void> blocked =
        CompletableFuture.runAsync(
            () -> {
              acquire(w, 100);
              acquire(w, 1);
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> w.inFlight() == 100);
    w.close();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("the target closed the stream"), e.toString());
  }

  @Test
  void noRoomWithinTheTimeoutIsAStalledTarget() throws Exception {
    SendWindow w = new SendWindow(100);
    w.acquire(100, LONG_MS);
    IOException e = assertThrows(IOException.class, () -> w.acquire(1, 1));
    assertEquals("the target stopped reading", e.getMessage());
  }

  private static void acquire(SendWindow w, long n) {
    try {
      w.acquire(n, LONG_MS);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
