package io.vmconsole.security;

import java.util.List;
import java.util.Objects;

/**
 * A console user as stored.
 *
 * @param username login name
 * @param passwordHash bcrypt hash
 * @param role the user's role
 * @param namespaces the namespaces the role applies to; empty means all namespaces
 */
public record UserAccount(String username, String passwordHash, Role role, List<String> namespaces) {

  public UserAccount {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(role, "role");
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
  }

  public UserAccount withPasswordHash(String hash) {
    return new UserAccount(username, hash, role, namespaces);
  }

  /** Whether the user's role reaches into the namespace at all. */
  public boolean coversNamespace(String namespace) {
    return role == Role.ADMIN || namespaces.isEmpty() || namespaces.contains(namespace);
  }
}
