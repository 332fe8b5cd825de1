package io.vmconsole.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Feeds login outcomes to the guard that slows repeated failures. */
class LoginEvents {
  private final LoginAttemptGuard guard;

  LoginEvents(LoginAttemptGuard guard) {
    this.guard = guard;
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

  private static String client(Authentication authentication) {
    if (authentication.getDetails() instanceof WebAuthenticationDetails details) {
      return details.getRemoteAddress();
    }
    return ConsoleUserDetailsService.currentClient();
  }
}
