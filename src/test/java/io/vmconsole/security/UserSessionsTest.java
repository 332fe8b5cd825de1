package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpSessionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Sessions nobody signed in to are few and short-lived; a user's sessions end with a change of the
 * account.
 */
class UserSessionsTest {
  private final UserSessions sessions = new UserSessions(Duration.ofMinutes(10), 3);

  @Test
  void anonymousSessionsLiveTenMinutesAndBeyondTheLimitTheOldestEnds() throws Exception {
    List<MockHttpSession> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(create());
      Thread.yield();
    }
    assertThat(created.get(4).getMaxInactiveInterval()).isEqualTo(600);
    assertThat(sessions.anonymousCount()).isEqualTo(3);
    assertThat(created.stream().filter(MockHttpSession::isInvalid).count()).isEqualTo(2);
  }

  @Test
  void aSignedInSessionIsNeitherCountedNorEvictedAndGetsTheFullTimeout() {
    MockHttpSession alice = create();
    signIn(alice, "alice");
    sessions.signedIn(alice, Duration.ofMinutes(30));
    for (int i = 0; i < 6; i++) {
      create();
    }
    assertThat(alice.isInvalid()).isFalse();
    assertThat(alice.getMaxInactiveInterval()).isEqualTo(1800);
  }

  @Test
  void endingAUsersSessionsTellsTheListenersFirstAndLeavesOtherUsersAlone() {
    List<String> heard = new ArrayList<>();
    MockHttpSession[] aliceSessions = {create(), create()};
    MockHttpSession bob = create();
    signIn(aliceSessions[0], "alice");
    signIn(aliceSessions[1], "alice");
    signIn(bob, "bob");
    sessions.onEnded(
        id ->
            heard.add(id + (sessionWithId(aliceSessions, id).isInvalid() ? " ended" : " ending")));
    sessions.endSessionsOf("alice");
    assertThat(aliceSessions).allSatisfy(s -> assertThat(s.isInvalid()).isTrue());
    assertThat(bob.isInvalid()).isFalse();
    // Heard of while still valid (the consoles can still say why), then once more as the container
    // ends it.
    assertThat(heard).hasSize(4);
    for (MockHttpSession s : aliceSessions) {
      assertThat(heard.indexOf(s.getId() + " ending"))
          .isNotNegative()
          .isLessThan(heard.indexOf(s.getId() + " ended"));
    }
  }

  private static MockHttpSession sessionWithId(MockHttpSession[] all, String id) {
    return List.of(all).stream().filter(s -> s.getId().equals(id)).findFirst().orElseThrow();
  }

  private MockHttpSession create() {
    MockHttpSession session =
        new MockHttpSession() {
          @Override
          public void invalidate() {
            super.invalidate();
            sessions.sessionDestroyed(new HttpSessionEvent(this));
          }
        };
    sessions.sessionCreated(new HttpSessionEvent(session));
    return session;
  }

  private static void signIn(MockHttpSession session, String username) {
    ConsoleUser user =
        new ConsoleUser(new UserAccount(username, "h", Role.VIEWER, List.of()), false);
    session.setAttribute(
        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
        new SecurityContextImpl(
            UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities())));
  }
}
