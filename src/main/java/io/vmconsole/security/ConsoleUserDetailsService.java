package io.vmconsole.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Loads users from the store and marks them locked while the login guard says so for this name and
 * client. A locked name that no user has gets a locked stand-in, so the answer is "Account locked"
 * either way.
 */
class ConsoleUserDetailsService implements UserDetailsService {
  private static final String NO_PASSWORD = "!";

  private final UserStore store;
  private final LoginAttemptGuard guard;

  ConsoleUserDetailsService(UserStore store, LoginAttemptGuard guard) {
    this.store = store;
    this.guard = guard;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    boolean locked = guard.lockedUntil(username, currentClient()) != null;
    Optional<UserAccount> account =
        Usernames.isValid(username) ? store.find(username) : Optional.empty();
    if (account.isPresent()) {
      return new ConsoleUser(account.get(), locked);
    }
    if (locked) {
      // Refused as locked before any password is compared; the stand-in's hash matches nothing.
      return new ConsoleUser(new UserAccount(username, NO_PASSWORD, Role.VIEWER, List.of()), true);
    }
    throw new UsernameNotFoundException("no such user");
  }

  static String currentClient() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpServletRequest request = attrs.getRequest();
      return request.getRemoteAddr();
    }
    return "unknown";
  }
}
