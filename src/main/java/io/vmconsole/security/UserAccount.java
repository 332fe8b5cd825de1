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
 * @param revision set by the store on every change of the account (store-wide increasing, so a user
 *     deleted and created again never gets an old revision back); a session signed in at another
 *     revision has ended
 * @param mustChangePassword the password was generated for the user, who must choose their own
 *     before doing anything else
 */
public record UserAccount(
    String username,
    String passwordHash,
    Role role,
    List<String> namespaces,
    long revision,
    boolean mustChangePassword) {

  public UserAccount {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(role, "role");
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
  }

  /** A new account; the store gives it its revision. */
  public UserAccount(String username, String passwordHash, Role role, List<String> namespaces) {
    this(username, passwordHash, role, namespaces, 0, false);
  }

  /** A new password the user chose (or an admin set): no change is demanded any more. */
  public UserAccount withPasswordHash(String hash) {
    return new UserAccount(username, hash, role, namespaces, revision, false);
  }

  public UserAccount withAccess(Role newRole, List<String> newNamespaces) {
    return new UserAccount(
        username, passwordHash, newRole, newNamespaces, revision, mustChangePassword);
  }

  public UserAccount withPasswordChangeDemanded() {
    return new UserAccount(username, passwordHash, role, namespaces, revision, true);
  }

  UserAccount atRevision(long newRevision) {
    return new UserAccount(
        username, passwordHash, role, namespaces, newRevision, mustChangePassword);
  }

  /** Whether the user's role reaches into the namespace at all. */
  public boolean coversNamespace(String namespace) {
    return role == Role.ADMIN || namespaces.isEmpty() || namespaces.contains(namespace);
  }
}
