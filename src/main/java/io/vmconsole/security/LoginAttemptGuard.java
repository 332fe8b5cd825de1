package io.vmconsole.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows password guessing: after a number of failed logins for one user from one client, that pair is
 * locked out for a while, and each further lock-out doubles the wait (up to a cap). Counting per user and
 * client keeps an attacker elsewhere from locking a user out of their own desk.
 */
public class LoginAttemptGuard {
  private static final Logger log = LoggerFactory.getLogger(LoginAttemptGuard.class);
  private static final Duration MAX_LOCK = Duration.ofMinutes(30);

  private final int maxFailures;
  private final Duration baseLock;
  private final Clock clock;
  private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();

  public LoginAttemptGuard(int maxFailures, Duration baseLock, Clock clock) {
    this.maxFailures = maxFailures;
    this.baseLock = baseLock;
    this.clock = clock;
  }

  /** When the pair is locked out, the instant the lock ends; otherwise null. */
  public Instant lockedUntil(String username, String client) {
    Attempts a = attempts.get(key(username, client));
    if (a == null || a.lockedUntil == null || !a.lockedUntil.isAfter(clock.instant())) {
      return null;
    }
    return a.lockedUntil;
  }

  public void failed(String username, String client) {
    Attempts a = attempts.computeIfAbsent(key(username, client), k -> new Attempts());
    synchronized (a) {
      a.failures++;
      log.warn("Failed login for user '{}' from {} ({} in a row)", username, client, a.failures);
      if (a.failures >= maxFailures) {
        Duration lock = baseLock.multipliedBy(1L << Math.min(a.lockouts, 10));
        if (lock.compareTo(MAX_LOCK) > 0) {
          lock = MAX_LOCK;
        }
        a.lockouts++;
        a.failures = 0;
        a.lockedUntil = clock.instant().plus(lock);
        log.warn("User '{}' from {} locked out for {}", username, client, lock);
      }
    }
  }

  public void succeeded(String username, String client) {
    attempts.remove(key(username, client));
  }

  private static String key(String username, String client) {
    return username + "\u0000" + client;
  }

  private static final class Attempts {
    int failures;
    int lockouts;
    Instant lockedUntil;
  }
}
