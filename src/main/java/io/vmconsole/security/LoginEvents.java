package io.vmconsole.security;

import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Feeds login outcomes to the guard that slows repeated failures, and gives a session someone
 * signed in to its full lifetime.
 */
class LoginEvents {
  private final LoginAttemptGuard guard;
  private final UserSessions sessions;
  private final Duration sessionTimeout;

  LoginEvents(LoginAttemptGuard guard, UserSessions sessions, Duration sessionTimeout) {
    this.guard = guard;
    this.sessions = sessions;
    this.sessionTimeout = sessionTimeout;
  }

  @EventListener
  void onBadCredentials(AuthenticationFailureBadCredentialsEvent event) {
    guard.failed(event.getAuthentication().getName(), client(event.getAuthentication()));
  }

  @EventListener
  void onLocked(AuthenticationFailureLockedEvent event) {
    guard.failed(event.getAuthentication().getName(), client(event.getAuthentication()));
  }

  @EventListener
  void onSuccess(AuthenticationSuccessEvent event) {
    guard.succeeded(event.getAuthentication().getName(), client(event.getAuthentication()));
  }

  /** After the sign-in is stored in the session (which exists by then). */
  @EventListener
  void onSignedIn(InteractiveAuthenticationSuccessEvent event) {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpSession session = attrs.getRequest().getSession(false);
      if (session != null) {
        sessions.signedIn(session, sessionTimeout);
      }
    }
  }

  private static String client(Authentication authentication) {
    if (authentication.getDetails() instanceof WebAuthenticationDetails details) {
      return details.getRemoteAddress();
    }
    return ConsoleUserDetailsService.currentClient();
  }
}
