package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginAttemptGuardTest {
  private final MutableClock clock = new MutableClock();
  private final LoginAttemptGuard guard = new LoginAttemptGuard(3, Duration.ofMinutes(1), clock);

  @Test
  void locksThePairAfterTheLimitAndOnlyThatPair() {
    guard.failed("bob", "10.0.0.1");
    guard.failed("bob", "10.0.0.1");
    assertThat(guard.lockedUntil("bob", "10.0.0.1")).isNull();
    guard.failed("bob", "10.0.0.1");
    assertThat(guard.lockedUntil("bob", "10.0.0.1")).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    assertThat(guard.lockedUntil("bob", "10.0.0.2")).isNull();
    assertThat(guard.lockedUntil("alice", "10.0.0.1")).isNull();
  }

  @Test
  void lockEndsAndTheNextLockLastsTwiceAsLong() {
    for (int i = 0; i < 3; i++) {
      guard.failed("bob", "c");
    }
    clock.advance(Duration.ofSeconds(61));
    assertThat(guard.lockedUntil("bob", "c")).isNull();
    for (int i = 0; i < 3; i++) {
      guard.failed("bob", "c");
    }
    assertThat(guard.lockedUntil("bob", "c")).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
  }

  @Test
  void successClearsTheCount() {
    guard.failed("bob", "c");
    guard.failed("bob", "c");
    guard.succeeded("bob", "c");
    guard.failed("bob", "c");
    guard.failed("bob", "c");
    assertThat(guard.lockedUntil("bob", "c")).isNull();
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
