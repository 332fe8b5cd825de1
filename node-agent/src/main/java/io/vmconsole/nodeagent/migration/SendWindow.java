package io.vmconsole.nodeagent.migration;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of the migration stream handed to the WebSocket but not yet written to its socket. The
 * reader waits while the window is full, so QEMU's writes into {@code mig-out.sock} complete only
 * as fast as the link carries them: QEMU's bandwidth estimate, which decides when it stops the
 * guest, stays honest. Counted in bytes rather than frames so that frame size can grow freely.
 */
final class SendWindow {
  private final long capacity;
  private long inFlight;
  private boolean closed;

  SendWindow(long capacity) {
    this.capacity = capacity;
  }

  /**
   * Blocks until {@code n} more bytes fit (one frame always fits into an empty window), the window
   * is closed (IOException) or {@code timeoutMs} passed without room (IOException).
   */
  synchronized void acquire(long n, long timeoutMs) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!closed && inFlight > 0 && inFlight + n > capacity) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IOException("the target stopped reading");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    if (closed) {
      throw new IOException("the target closed the stream");
    }
    inFlight += n;
  }

  /** The socket took {@code n} bytes (or failed them: the close that follows ends the stream). */
  synchronized void release(long n) {
    inFlight -= n;
    notifyAll();
  }

  synchronized void close() {
    closed = true;
    notifyAll();
  }

  synchronized long inFlight() {
    return inFlight;
  }
}
