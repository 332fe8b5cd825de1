package io.vmconsole.controller.migration;

/**
 * QEMU's downtime-limit during a live migration, raised in steps (what OpenStack Nova calls
 * downtime steps): QEMU stops the guest for the final pass only once it expects that pass to fit in
 * the limit, so a short limit gives a short pause to every guest that converges at it, and a guest
 * whose memory changes too fast for it (or a link throttled to a few MiB/s) gets a longer one
 * instead of never finishing. Steps follow QEMU's passes over memory ({@code iterations}, its
 * dirty-sync count), not the clock: each pass is one chance to finish at the current limit, however
 * fast the link is. Pure.
 */
public final class DowntimeSteps {
  /** The limit a migration starts with (the agent benchmark's default too). */
  public static final long FIRST_MS = 50;

  /** The highest step: a pause most guests' network peers ride out without a retransmit timeout. */
  public static final long CEILING_MS = 400;

  /** Pass 1 copies all memory and pass 2 the first changes: both run at the first limit. */
  private static final long PASSES_AT_FIRST = 2;

  private DowntimeSteps() {}

  /**
   * The limit for a migration in its {@code iterations}-th pass: doubled per pass after the 2nd.
   */
  public static long limitMs(long iterations) {
    long ms = FIRST_MS;
    for (long pass = PASSES_AT_FIRST; pass < iterations && ms < CEILING_MS; pass++) {
      ms *= 2;
    }
    return Math.min(ms, CEILING_MS);
  }

  /** The limit to set now, or -1 to leave it: steps only go up (a PATCH cannot undo a stop). */
  public static long raiseTo(Long currentMs, long iterations) {
    long next = limitMs(iterations);
    return currentMs == null || next <= currentMs ? -1 : next;
  }
}
