package io.vmconsole.controller.vm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key back-off after failures: 1 s, 2 s, 4 s … at most the cap; a success forgets the key. The
 * reconciler asks {@link #remaining} before it tries again, so the periodic resync does not undo
 * the back-off.
 */
final class Backoff {
  /** The longest wait between attempts. */
  static final Duration CAP = Duration.ofSeconds(60);

  private record State(int failures, Instant until) {}

  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final Clock clock;

  Backoff(Clock clock) {
    this.clock = clock;
  }

  /**
   * @return how long to wait before the next attempt
   */
  Duration failed(String key) {
    Instant now = clock.instant();
    State s =
        states.merge(
            key,
            new State(1, now.plusSeconds(1)),
            (old, n) -> new State(old.failures() + 1, now.plus(delay(old.failures() + 1))));
    return Duration.between(now, s.until());
  }

  /** The wait after the n-th failure in a row. */
  static Duration delay(int failures) {
    Duration d = Duration.ofSeconds(1L << Math.min(failures - 1, 30));
    return d.compareTo(CAP) > 0 ? CAP : d;
  }

  void succeeded(String key) {
    states.remove(key);
  }

  /** Zero when the key may be tried now. */
  Duration remaining(String key) {
    State s = states.get(key);
    if (s == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), s.until());
    return left.isNegative() ? Duration.ZERO : left;
  }
}
