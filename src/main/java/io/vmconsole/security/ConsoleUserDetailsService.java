package io.vmconsole.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Loads users from the store and marks them locked while the login guard says so for this client. */
class ConsoleUserDetailsService implements UserDetailsService {
  private final UserStore store;
  private final LoginAttemptGuard guard;

  ConsoleUserDetailsService(UserStore store, LoginAttemptGuard guard) {
    this.store = store;
    this.guard = guard;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    UserAccount account =
        store.find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    Instant lockedUntil = guard.lockedUntil(username, currentClient());
    return new ConsoleUser(account, lockedUntil != null);
  }

  static String currentClient() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpServletRequest request = attrs.getRequest();
      return request.getRemoteAddr();
    }
    return "unknown";
  }
}
