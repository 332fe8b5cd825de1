package io.vmconsole.controller.vm;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-key back-off after failures: 1 s, 2 s, 4 s … at most 60 s; a success forgets the key. */
final class Backoff {
  private record State(int failures, Instant until) {}

  private final Map<String, State> states = new ConcurrentHashMap<>();

  Duration failed(String key) {
    State s =
        states.merge(
            key,
            new State(1, Instant.now().plusSeconds(1)),
            (old, n) -> {
              int failures = old.failures() + 1;
              return new State(
                  failures,
                  Instant.now().plusSeconds(Math.min(60, 1L << Math.min(failures - 1, 6))));
            });
    return Duration.between(Instant.now(), s.until());
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
    Duration left = Duration.between(Instant.now(), s.until());
    return left.isNegative() ? Duration.ZERO : left;
  }
}
