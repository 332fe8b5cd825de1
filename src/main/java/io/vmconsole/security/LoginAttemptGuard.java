package io.vmconsole.security;

import io.vmconsole.base.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows password guessing on two counts, each locking for a while and doubling each further lock
 * (up to a cap):
 *
 * <ul>
 *   <li>an account name, from wherever the attempts come: after {@code maxFailures} failed logins
 *       the name is locked from every address. Names that no user has are counted and locked the
 *       same way, so the answer ("Account locked") never tells a real name from a guessed one;
 *   <li>a client address, across all the names it tries: after {@code maxFailuresPerAddress}
 *       failures in {@link #ADDRESS_WINDOW} every login from it is refused, so one client cannot
 *       try a password on many names.
 * </ul>
 *
 * A name that breaks the user-name rule is never an account: it is neither logged nor counted as
 * one, only against its address. The store is bounded: the least recently seen entries go first.
 */
public class LoginAttemptGuard {
  private static final Logger log = LoggerFactory.getLogger(LoginAttemptGuard.class);
  private static final Duration MAX_LOCK = Duration.ofMinutes(30);
  static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);

  /** An entry that saw no failure for this long is forgotten (its doubling starts again). */
  static final Duration FORGET_AFTER = Duration.ofHours(24);

  static final int MAX_TRACKED = 10_000;

  private final int maxFailures;
  private final int maxFailuresPerAddress;
  private final Duration baseLock;
  private final Clock clock;
  private final Counts accounts = new Counts();
  private final Counts addresses = new Counts();

  public LoginAttemptGuard(
      int maxFailures, int maxFailuresPerAddress, Duration baseLock, Clock clock) {
    this.maxFailures = maxFailures;
    this.maxFailuresPerAddress = maxFailuresPerAddress;
    this.baseLock = baseLock;
    this.clock = clock;
  }

  /**
   * When a login of this name from this client is refused, the instant that ends; otherwise null.
   */
  public Instant lockedUntil(String username, String client) {
    Instant now = clock.instant();
    Instant account = Usernames.isValid(username) ? accounts.lockedUntil(username, now) : null;
    Instant address = addresses.lockedUntil(client, now);
    if (account == null) {
      return address;
    }
    return address == null || account.isAfter(address) ? account : address;
  }

  public void failed(String username, String client) {
    Instant now = clock.instant();
    String from = LogSafe.text(client);
    if (Usernames.isValid(username)) {
      int failures = accounts.fail(username, now, null);
      log.warn("Failed login for user '{}' from {} ({} in a row)", username, from, failures);
      Duration lock = accounts.lockIfDue(username, now, maxFailures, baseLock);
      if (lock != null) {
        log.warn(
            "User name '{}' locked for {} after {} failed logins", username, lock, maxFailures);
      }
    } else {
      log.warn(
          "Failed login from {} with a name that is no valid user name ({} characters)",
          from,
          username == null ? 0 : username.length());
    }
    addresses.fail(client, now, ADDRESS_WINDOW);
    Duration lock = addresses.lockIfDue(client, now, maxFailuresPerAddress, baseLock);
    if (lock != null) {
      log.warn(
          "Logins from {} refused for {} after {} failed logins in {}",
          from,
          lock,
          maxFailuresPerAddress,
          ADDRESS_WINDOW);
    }
  }

  /**
   * A good password clears what the name had (its doubling too); the address's count only ends with
   * its window, or one account's owner could wipe the count of guesses made from their address.
   */
  public void succeeded(String username, String client) {
    accounts.forget(username);
  }

  /** How many names and addresses are remembered now (bounded by {@link #MAX_TRACKED} each). */
  int tracked() {
    return accounts.size() + addresses.size();
  }

  private static final class Attempts {
    int failures;
    int lockouts;
    Instant windowStart;
    Instant lastFailure;
    Instant lockedUntil;
  }

  /** Attempts by key, least recently used first out, forgotten after a quiet day. */
  private final class Counts {
    private final LinkedHashMap<String, Attempts> byKey =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
            return size() > MAX_TRACKED;
          }
        };

    synchronized Instant lockedUntil(String key, Instant now) {
      Attempts a = byKey.get(key);
      return a == null || a.lockedUntil == null || !a.lockedUntil.isAfter(now)
          ? null
          : a.lockedUntil;
    }

    /** Counts a failure (within the window, if one is given) and answers the count. */
    synchronized int fail(String key, Instant now, Duration window) {
      Attempts a = byKey.get(key);
      if (a == null || a.lastFailure.plus(FORGET_AFTER).isBefore(now)) {
        a = new Attempts();
        byKey.put(key, a);
      }
      if (window != null && (a.windowStart == null || a.windowStart.plus(window).isBefore(now))) {
        a.windowStart = now;
        a.failures = 0;
      }
      a.failures++;
      a.lastFailure = now;
      return a.failures;
    }

    /** Locks the key when its failures reached the limit; answers the lock's length, or null. */
    synchronized Duration lockIfDue(String key, Instant now, int limit, Duration base) {
      Attempts a = byKey.get(key);
      if (a == null || a.failures < limit) {
        return null;
      }
      Duration lock = base.multipliedBy(1L << Math.min(a.lockouts, 10));
      if (lock.compareTo(MAX_LOCK) > 0) {
        lock = MAX_LOCK;
      }
      a.lockouts++;
      a.failures = 0;
      a.windowStart = null;
      a.lockedUntil = now.plus(lock);
      return lock;
    }

    synchronized void forget(String key) {
      byKey.remove(key);
    }

    synchronized int size() {
      return byKey.size();
    }
  }
}
