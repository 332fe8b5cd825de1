package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A generated first password is a one-time secret: changed at the first login, then its file goes.
 */
class InitialAdminTest {
  @TempDir Path dir;
  private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void aGeneratedPasswordMustBeChangedAndItsFileIsDeletedOnceItIs() throws Exception {
    UserStore store = new UserStore(dir.resolve("users.json"));
    InitialAdmin.ensure(store, encoder, "", dir);
    Path file = dir.resolve("initial-admin-password");
    String generated = Files.readString(file).trim();
    UserAccount admin = store.find("admin").orElseThrow();
    assertThat(admin.mustChangePassword()).isTrue();
    assertThat(encoder.matches(generated, admin.passwordHash())).isTrue();

    // A restart before the change keeps both.
    UserStore reopened = new UserStore(dir.resolve("users.json"));
    InitialAdmin.ensure(reopened, encoder, "", dir);
    assertThat(file).exists();

    Access access = new Access(reopened);
    signIn(admin);
    new UserService(reopened, encoder, access).changeOwnPassword(generated, "chosen-by-me-1");
    assertThat(file).doesNotExist();
    assertThat(reopened.find("admin"))
        .hasValueSatisfying(a -> assertThat(a.mustChangePassword()).isFalse());
  }

  @Test
  void aConfiguredPasswordIsNotForcedToChangeAndWritesNoFile() {
    UserStore store = new UserStore(dir.resolve("users.json"));
    InitialAdmin.ensure(store, encoder, "preset-password", dir);
    assertThat(store.find("admin"))
        .hasValueSatisfying(a -> assertThat(a.mustChangePassword()).isFalse());
    assertThat(dir.resolve("initial-admin-password")).doesNotExist();
  }

  @Test
  void aPasswordAnAdminResetMustBeChangedByItsUser() {
    UserStore store = new UserStore(dir.resolve("users.json"));
    UserAccount root = store.save(new UserAccount("root", "h", Role.ADMIN, List.of()));
    store.save(new UserAccount("carol", "h", Role.VIEWER, List.of()));
    signIn(root);
    new UserService(store, encoder, new Access(store)).resetPassword("carol", "temporary-1");
    assertThat(store.find("carol"))
        .hasValueSatisfying(a -> assertThat(a.mustChangePassword()).isTrue());
  }

  private static void signIn(UserAccount account) {
    ConsoleUser principal = new ConsoleUser(account, false);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
  }
}
