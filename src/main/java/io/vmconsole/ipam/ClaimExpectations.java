package io.vmconsole.ipam;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process has just written and its caches may not show yet (KubeVirt's expectations):
 * claimed addresses, so parallel workers don't all try the same one, and vmips made for VMs, so a
 * stale VM cache never makes a second one. Entries expire once the caches must have caught up.
 */
final class ClaimExpectations {
  private static final Duration TTL = Duration.ofSeconds(30);

  private final Map<String, Instant> entries = new ConcurrentHashMap<>();
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  private record Held(String address, Instant until) {}

  /** This process has just claimed {@code address} for the vmip {@code holder} (ns/name/uid). */
  void expectHeld(String holder, String address) {
    held.put(holder, new Held(address, Instant.now().plus(TTL)));
  }

  /** The address this process claimed for {@code holder} lately, while the cache may lag. */
  java.util.Optional<String> heldBy(String holder) {
    Held h = held.get(holder);
    if (h == null) {
      return java.util.Optional.empty();
    }
    if (h.until().isBefore(Instant.now())) {
      held.remove(holder, h);
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(h.address());
  }

  /**
   * Reserves {@code key} for the caller: false when another worker holds it already. Checking
   * {@link #expected} and then marking left a gap in which two workers picked the same address and
   * one create met a 409 (an API call that claimed nothing).
   */
  boolean reserve(String key) {
    Instant now = Instant.now();
    Instant until = now.plus(TTL);
    return entries.compute(key, (k, old) -> old == null || old.isBefore(now) ? until : old)
        == until;
  }

  boolean expected(String key) {
    if (entries.isEmpty()) {
      return false;
    }
    Instant until = entries.get(key);
    if (until != null && until.isBefore(Instant.now())) {
      entries.remove(key, until);
      return false;
    }
    return until != null;
  }

  void forget(String key) {
    entries.remove(key);
  }
}
