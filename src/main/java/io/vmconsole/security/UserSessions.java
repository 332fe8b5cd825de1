package io.vmconsole.security;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The console's HTTP sessions. It ends every session of a user whose account changed (the store
 * tells it), and tells whoever asked ({@link #onEnded}) when any session ends, so console
 * WebSockets never outlive the session they were opened in.
 *
 * <p>It also bounds sessions nobody signed in to: Vaadin makes one for every visit of the login
 * page. They live {@code anonymousTimeout} (longer than Vaadin's 5-minute heartbeat, so an open
 * login page keeps its own), and beyond {@code maxAnonymous} the oldest goes. The login form posts
 * without a session, so an evicted login page still signs in.
 */
public final class UserSessions implements HttpSessionListener {
  private static final Logger log = LoggerFactory.getLogger(UserSessions.class);

  private final Set<HttpSession> sessions = ConcurrentHashMap.newKeySet();
  private final List<Consumer<String>> endedListeners = new CopyOnWriteArrayList<>();
  private final Duration anonymousTimeout;
  private final int maxAnonymous;

  UserSessions(Duration anonymousTimeout, int maxAnonymous) {
    this.anonymousTimeout = anonymousTimeout;
    this.maxAnonymous = maxAnonymous;
  }

  /**
   * Called with a session's id when it ends: logout, timeout, or a change of its user's account
   * (then before the container ends it, and once more after). Listeners must take a second call in
   * their stride.
   */
  public void onEnded(Consumer<String> listener) {
    endedListeners.add(listener);
  }

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    HttpSession session = event.getSession();
    session.setMaxInactiveInterval((int) anonymousTimeout.toSeconds());
    sessions.add(session);
    evictAnonymousBeyondLimit();
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    HttpSession session = event.getSession();
    sessions.remove(session);
    endedListeners.forEach(l -> l.accept(session.getId()));
  }

  /**
   * A user signed in within this session: it lives as long as the servlet container's setting says.
   */
  void signedIn(HttpSession session, Duration timeout) {
    session.setMaxInactiveInterval((int) timeout.toSeconds());
  }

  /**
   * Ends every session in which this user signed in. Whoever listens hears of each first: the
   * servlet container itself closes a session's WebSockets when it ends, without a word of why.
   */
  void endSessionsOf(String username) {
    for (HttpSession session : List.copyOf(sessions)) {
      if (signedInUser(session).filter(username::equals).isPresent()) {
        endedListeners.forEach(l -> l.accept(session.getId()));
        invalidate(session);
        log.info("Ended a session of user '{}': the account changed", username);
      }
    }
  }

  int anonymousCount() {
    return (int) sessions.stream().filter(s -> signedInUser(s).isEmpty()).count();
  }

  private void evictAnonymousBeyondLimit() {
    List<HttpSession> anonymous = sessions.stream().filter(s -> signedInUser(s).isEmpty()).toList();
    if (anonymous.size() <= maxAnonymous) {
      return;
    }
    anonymous.stream()
        .sorted(Comparator.comparingLong(UserSessions::createdAt))
        .limit(anonymous.size() - maxAnonymous)
        .forEach(UserSessions::invalidate);
  }

  private static Optional<String> signedInUser(HttpSession session) {
    try {
      Object context =
          session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
      if (context instanceof SecurityContext sc
          && sc.getAuthentication() != null
          && sc.getAuthentication().getPrincipal() instanceof ConsoleUser user) {
        return Optional.of(user.getUsername());
      }
    } catch (IllegalStateException e) {
      // Invalidated meanwhile.
    }
    return Optional.empty();
  }

  private static long createdAt(HttpSession session) {
    try {
      return session.getCreationTime();
    } catch (IllegalStateException e) {
      return Long.MIN_VALUE;
    }
  }

  private static void invalidate(HttpSession session) {
    try {
      session.invalidate();
    } catch (IllegalStateException e) {
      // Already ended.
    }
  }
}
