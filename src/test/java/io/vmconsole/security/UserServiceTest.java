package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmconsole.base.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Passwords bcrypt cannot take are refused naming the field and the rule, not with an exception.
 */
class UserServiceTest {

  @TempDir Path dir;

  private UserService service() {
    UserStore store = new UserStore(dir.resolve("users.json"));
    return new UserService(store, new BCryptPasswordEncoder(), new Access(store));
  }

  @Test
  void aPasswordOverBcryptsLimitIsRefusedNamingTheFieldAndTheLimit() {
    UserService users = service();
    assertThatThrownBy(() -> users.create("longpw", "x".repeat(80), Role.VIEWER, List.of()))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.getMessage()).contains("password").contains("at most 72 bytes"));
    // 36 two-byte characters are 72 bytes: still taken; 37 are not.
    users.create("fits", "é".repeat(36), Role.VIEWER, List.of());
    assertThatThrownBy(() -> users.create("toolong", "é".repeat(37), Role.VIEWER, List.of()))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aShortPasswordIsRefusedAsBefore() {
    assertThatThrownBy(() -> service().create("shortpw", "short", Role.VIEWER, List.of()))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.getMessage()).contains("at least 8 characters"));
  }
}
