package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Access answers from the account as it stands, never from the one captured at sign-in. */
class AccessTest {
  @TempDir Path dir;

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void aSessionSignedInBeforeADemotionOrDeletionMayDoNothing() {
    UserStore store = new UserStore(dir.resolve("users.json"));
    Access access = new Access(store);
    UserAccount operator = store.save(new UserAccount("olga", "h", Role.OPERATOR, List.of("team")));
    signIn(operator);
    assertThat(access.canOperate("team")).isTrue();

    store.save(operator.withAccess(Role.VIEWER, List.of("team")));
    assertThat(access.signedIn()).isPresent();
    assertThat(access.currentUser()).as("the session signed in at the old revision").isEmpty();
    assertThat(access.isSignedIn()).isFalse();
    assertThat(access.canOperate("team")).isFalse();
    assertThat(access.canRead("team")).isFalse();

    signIn(store.find("olga").orElseThrow());
    assertThat(access.canRead("team")).as("signed in again, as a viewer").isTrue();
    assertThat(access.canOperate("team")).isFalse();
    store.delete("olga");
    assertThat(access.canRead("team")).isFalse();
    assertThat(access.mayChangeOwnPassword()).isFalse();
  }

  @Test
  void aUserWhoMustChooseAPasswordMayDoNothingElse() {
    UserStore store = new UserStore(dir.resolve("users.json"));
    Access access = new Access(store);
    UserAccount admin =
        store.save(
            new UserAccount("root", "h", Role.ADMIN, List.of()).withPasswordChangeDemanded());
    signIn(admin);
    assertThat(access.mustChangePassword()).isTrue();
    assertThat(access.mayChangeOwnPassword()).isTrue();
    assertThat(access.isSignedIn()).isFalse();
    assertThat(access.isAdmin()).isFalse();
    assertThat(access.canRead("default")).isFalse();
    assertThat(access.canReadCluster()).isFalse();
  }

  private static void signIn(UserAccount account) {
    ConsoleUser principal = new ConsoleUser(account, false);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
  }
}
