package io.vmconsole.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one place that answers "may the current user do this here?". Services call it (also through
 * {@code @PreAuthorize("@access....")}), views call it only to hide what the service would refuse.
 */
@Component("access")
public class Access {
  private final UserStore users;

  public Access(UserStore users) {
    this.users = users;
  }

  /**
   * The signed-in user as their account stands now: empty when nobody signed in, and when the
   * account was changed or deleted since the sign-in (that session has ended, whatever it still
   * holds).
   */
  public Optional<ConsoleUser> currentUser() {
    return signedIn()
        .flatMap(u -> users.atRevision(u.getUsername(), u.account().revision()))
        .map(account -> new ConsoleUser(account, false));
  }

  /**
   * Whoever this request's session says signed in, current or not; {@link #currentUser()} is what
   * counts.
   */
  public Optional<ConsoleUser> signedIn() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof ConsoleUser user) {
      return Optional.of(user);
    }
    return Optional.empty();
  }

  /**
   * Whether a user is signed in with an account that has not changed since, and has no password
   * change pending: the entry condition of every service method that reads or changes anything.
   */
  public boolean isSignedIn() {
    return actingUser().isPresent();
  }

  /** Whether the signed-in user may choose a new password: even one whose change is pending. */
  public boolean mayChangeOwnPassword() {
    return currentUser().isPresent();
  }

  /** The signed-in user must choose a new password before anything else. */
  public boolean mustChangePassword() {
    return currentUser().map(u -> u.account().mustChangePassword()).orElse(false);
  }

  /**
   * The current user, unless they must choose a new password first (generated, or set by an admin).
   */
  private Optional<ConsoleUser> actingUser() {
    return currentUser().filter(u -> !u.account().mustChangePassword());
  }

  public String currentUsername() {
    return currentUser().map(ConsoleUser::getUsername).orElse("anonymous");
  }

  public boolean isAdmin() {
    return hasRole(Role.ADMIN);
  }

  /** Read objects in the namespace. */
  public boolean canRead(String namespace) {
    return actingUser().map(u -> u.account().coversNamespace(namespace)).orElse(false);
  }

  /** Create, change and operate VMs and their objects in the namespace. */
  public boolean canOperate(String namespace) {
    return actingUser()
        .map(u -> u.role().atLeast(Role.OPERATOR) && u.account().coversNamespace(namespace))
        .orElse(false);
  }

  /**
   * Whether the user's role may operate at all (in their namespaces); screens use it to offer
   * actions.
   */
  public boolean isOperator() {
    return hasRole(Role.OPERATOR);
  }

  /** Read cluster-scoped objects such as nodes and classes (every role may). */
  public boolean canReadCluster() {
    return actingUser().isPresent();
  }

  /** Keep only the namespaces the current user can read. */
  public List<String> readable(Collection<String> namespaces) {
    return namespaces.stream().filter(this::canRead).sorted().toList();
  }

  private boolean hasRole(Role role) {
    return actingUser().map(u -> u.role().atLeast(role)).orElse(false);
  }
}
