package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoginAttemptGuardTest {
  private final MutableClock clock = new MutableClock();
  private final LoginAttemptGuard guard =
      new LoginAttemptGuard(3, 10, Duration.ofMinutes(1), clock);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger guardLog = (Logger) LoggerFactory.getLogger(LoginAttemptGuard.class);

  @BeforeEach
  void captureLog() {
    logged.start();
    guardLog.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    guardLog.detachAppender(logged);
  }

  @Test
  void aNameIsLockedFromEveryAddressAfterTheLimitWhereverTheFailuresCameFrom() {
    guard.failed("bob", "10.0.0.1");
    guard.failed("bob", "10.0.0.2");
    assertThat(guard.lockedUntil("bob", "10.0.0.3")).isNull();
    guard.failed("bob", "10.0.0.3");
    Instant until = clock.instant().plus(Duration.ofMinutes(1));
    assertThat(guard.lockedUntil("bob", "10.0.0.1")).isEqualTo(until);
    assertThat(guard.lockedUntil("bob", "192.0.2.9"))
        .as("a second address during the lock")
        .isEqualTo(until);
    assertThat(guard.lockedUntil("alice", "10.0.0.1")).isNull();
  }

  @Test
  void namesNoUserHasAreLockedTheSameWaySoTheAnswerTellsNothing() {
    for (int i = 0; i < 3; i++) {
      guard.failed("nobody", "10.0.0.1");
    }
    assertThat(guard.lockedUntil("nobody", "10.0.0.4")).isNotNull();
  }

  @Test
  void oneAddressTryingManyNamesIsRefusedForAllNamesAndOnlyThatAddress() {
    for (int i = 0; i < 10; i++) {
      guard.failed("user" + i, "10.0.0.1");
    }
    assertThat(guard.lockedUntil("someone-else", "10.0.0.1"))
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    assertThat(guard.lockedUntil("someone-else", "10.0.0.2")).isNull();
  }

  @Test
  void anAddressCountsOnlyWithinItsWindow() {
    for (int i = 0; i < 9; i++) {
      guard.failed("user" + i, "10.0.0.1");
    }
    clock.advance(LoginAttemptGuard.ADDRESS_WINDOW.plusSeconds(1));
    guard.failed("late", "10.0.0.1");
    assertThat(guard.lockedUntil("late", "10.0.0.1")).isNull();
  }

  @Test
  void lockEndsAndTheNextLockLastsTwiceAsLong() {
    for (int i = 0; i < 3; i++) {
      guard.failed("bob", "c");
    }
    clock.advance(Duration.ofSeconds(61));
    assertThat(guard.lockedUntil("bob", "c")).isNull();
    for (int i = 0; i < 3; i++) {
      guard.failed("bob", "d");
    }
    assertThat(guard.lockedUntil("bob", "c"))
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
  }

  @Test
  void successClearsTheNamesCountButNotTheAddresss() {
    guard.failed("bob", "c");
    guard.failed("bob", "c");
    guard.succeeded("bob", "c");
    guard.failed("bob", "c");
    guard.failed("bob", "c");
    assertThat(guard.lockedUntil("bob", "c")).isNull();
    for (int i = 0; i < 6; i++) {
      guard.failed("n" + i, "c");
    }
    assertThat(guard.lockedUntil("anyone", "c")).as("4 + 6 failures from c").isNotNull();
  }

  @Test
  void aNameBreakingTheRuleIsNeitherLoggedNorCountedAsAnAccount() {
    String forged =
        "x\r\n12:00:00.000 [main] INFO io.vmconsole.security.UserService -- created user 'evil'";
    for (int i = 0; i < 5; i++) {
      guard.failed(forged, "10.0.0.1");
    }
    assertThat(logged.list)
        .hasSize(5)
        .allSatisfy(
            e -> {
              assertThat(e.getFormattedMessage())
                  .doesNotContain("\n")
                  .doesNotContain("\r")
                  .doesNotContain("evil")
                  .contains("no valid user name");
            });
    assertThat(guard.tracked()).as("only the address").isEqualTo(1);
  }

  @Test
  void aClientStringWithControlCharactersIsEscapedInTheLog() {
    guard.failed("bob", "10.0.0.1\nforged line");
    assertThat(logged.list)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .isEqualTo(
                        "Failed login for user 'bob' from 10.0.0.1\\nforged line (1 in a row)"));
  }

  @Test
  void theStoreStaysBoundedWhateverIsGuessed() {
    Level level = guardLog.getLevel();
    guardLog.setLevel(Level.ERROR); // 15,000 warnings would only flood the test output
    try {
      for (int i = 0; i < LoginAttemptGuard.MAX_TRACKED + 5_000; i++) {
        guard.failed("guess" + i, "10.0." + (i / 250) + "." + (i % 250));
      }
    } finally {
      guardLog.setLevel(level);
    }
    assertThat(guard.tracked()).isLessThanOrEqualTo(2 * LoginAttemptGuard.MAX_TRACKED);
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
