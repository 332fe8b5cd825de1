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

  public Optional<ConsoleUser> currentUser() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof ConsoleUser user) {
      return Optional.of(user);
    }
    return Optional.empty();
  }

  public String currentUsername() {
    return currentUser().map(ConsoleUser::getUsername).orElse("anonymous");
  }

  public boolean isAdmin() {
    return hasRole(Role.ADMIN);
  }

  /** Read objects in the namespace. */
  public boolean canRead(String namespace) {
    return currentUser().map(u -> u.account().coversNamespace(namespace)).orElse(false);
  }

  /** Create, change and operate VMs and their objects in the namespace. */
  public boolean canOperate(String namespace) {
    return currentUser()
        .map(u -> u.role().atLeast(Role.OPERATOR) && u.account().coversNamespace(namespace))
        .orElse(false);
  }

  /** Whether the user's role may operate at all (in their namespaces); screens use it to offer actions. */
  public boolean isOperator() {
    return hasRole(Role.OPERATOR);
  }

  /** Read cluster-scoped objects such as nodes and classes (every role may). */
  public boolean canReadCluster() {
    return currentUser().isPresent();
  }

  /** Keep only the namespaces the current user can read. */
  public List<String> readable(Collection<String> namespaces) {
    return namespaces.stream().filter(this::canRead).sorted().toList();
  }

  private boolean hasRole(Role role) {
    return currentUser().map(u -> u.role().atLeast(role)).orElse(false);
  }
}
