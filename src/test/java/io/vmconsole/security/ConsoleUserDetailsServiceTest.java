package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;

/** What a login answers, through Spring's provider: a locked name is "locked", known or not. */
class ConsoleUserDetailsServiceTest {

  @TempDir Path dir;

  @SuppressWarnings("deprecation") // plain passwords are enough to drive the provider here
  private DaoAuthenticationProvider provider(LoginAttemptGuard guard) {
    UserStore store = new UserStore(dir.resolve("users.json"));
    store.save(new UserAccount("alice", "right", Role.VIEWER, List.of()));
    DaoAuthenticationProvider provider =
        new DaoAuthenticationProvider(new ConsoleUserDetailsService(store, guard));
    provider.setPasswordEncoder(NoOpPasswordEncoder.getInstance());
    return provider;
  }

  @Test
  void aLockedNameIsRefusedAsLockedWhetherOrNotAUserHasItAndEvenWithTheRightPassword() {
    LoginAttemptGuard guard =
        new LoginAttemptGuard(2, 100, Duration.ofMinutes(1), Clock.systemUTC());
    DaoAuthenticationProvider provider = provider(guard);
    for (String name : List.of("alice", "mallory")) {
      assertThatThrownBy(
              () -> provider.authenticate(new UsernamePasswordAuthenticationToken(name, "wrong")))
          .isInstanceOf(BadCredentialsException.class);
      guard.failed(name, "unknown");
      guard.failed(name, "unknown");
    }
    assertThatThrownBy(
            () -> provider.authenticate(new UsernamePasswordAuthenticationToken("alice", "right")))
        .isInstanceOf(LockedException.class);
    assertThatThrownBy(
            () -> provider.authenticate(new UsernamePasswordAuthenticationToken("mallory", "x")))
        .isInstanceOf(LockedException.class);
  }

  @Test
  void anUnlockedUserLogsIn() {
    LoginAttemptGuard guard =
        new LoginAttemptGuard(2, 100, Duration.ofMinutes(1), Clock.systemUTC());
    assertThat(
            provider(guard)
                .authenticate(new UsernamePasswordAuthenticationToken("alice", "right"))
                .isAuthenticated())
        .isTrue();
  }
}
