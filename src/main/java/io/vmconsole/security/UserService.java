package io.vmconsole.security;

import io.vmconsole.api.admission.FieldError;
import io.vmconsole.base.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Manages console users: admins manage everyone, every user changes their own password. */
public class UserService {
  private static final Logger log = LoggerFactory.getLogger(UserService.class);
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  static final int MIN_PASSWORD_LENGTH = 8;
  static final int MAX_PASSWORD_BYTES = 72;

  private final UserStore store;
  private final PasswordEncoder encoder;
  private final Access access;

  public UserService(UserStore store, PasswordEncoder encoder, Access access) {
    this.store = store;
    this.encoder = encoder;
    this.access = access;
  }

  @PreAuthorize("@access.isAdmin()")
  public List<UserAccount> list() {
    return store.all();
  }

  @PreAuthorize("@access.isAdmin()")
  public void create(String username, String password, Role role, List<String> namespaces) {
    List<FieldError> errors = new ArrayList<>();
    if (!Usernames.isValid(username)) {
      errors.add(new FieldError("username", Usernames.RULE));
    } else if (store.find(username).isPresent()) {
      errors.add(new FieldError("username", "a user with this name already exists"));
    }
    checkPassword("password", password, errors);
    checkRoleAndNamespaces(role, namespaces, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    store.save(new UserAccount(username, encoder.encode(password), role, namespaces));
    log.info(
        "User '{}' created user '{}' with role {} in {}",
        access.currentUsername(),
        username,
        role,
        namespaces.isEmpty() ? "all namespaces" : namespaces);
  }

  @PreAuthorize("@access.isAdmin()")
  public void update(String username, Role role, List<String> namespaces) {
    UserAccount existing = existing(username);
    List<FieldError> errors = new ArrayList<>();
    checkRoleAndNamespaces(role, namespaces, errors);
    if (username.equals(access.currentUsername()) && role != Role.ADMIN) {
      errors.add(new FieldError("role", "you cannot take the admin role from yourself"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    store.save(existing.withAccess(role, namespaces));
    log.info(
        "User '{}' set user '{}' to role {} in {}",
        access.currentUsername(),
        username,
        role,
        namespaces);
  }

  @PreAuthorize("@access.isAdmin()")
  public void resetPassword(String username, String newPassword) {
    UserAccount existing = existing(username);
    List<FieldError> errors = new ArrayList<>();
    checkPassword("password", newPassword, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    // Known to the admin too: the user chooses their own at the next login.
    store.save(existing.withPasswordHash(encoder.encode(newPassword)).withPasswordChangeDemanded());
    log.info("User '{}' reset the password of user '{}'", access.currentUsername(), username);
  }

  @PreAuthorize("@access.isAdmin()")
  public void delete(String username) {
    if (username.equals(access.currentUsername())) {
      throw new InvalidInputException("username", "you cannot delete yourself");
    }
    if (store.delete(username)) {
      log.info("User '{}' deleted user '{}'", access.currentUsername(), username);
    }
  }

  /**
   * Any signed-in user changes their own password, proving they know the current one. Like every
   * change of an account, it ends all the user's sessions, this one too: they sign in again with
   * the new password.
   */
  @PreAuthorize("@access.mayChangeOwnPassword()")
  public void changeOwnPassword(String currentPassword, String newPassword) {
    String username = access.currentUsername();
    UserAccount existing = existing(username);
    List<FieldError> errors = new ArrayList<>();
    if (currentPassword == null || !encoder.matches(currentPassword, existing.passwordHash())) {
      errors.add(new FieldError("currentPassword", "does not match your current password"));
    }
    checkPassword("newPassword", newPassword, errors);
    if (errors.isEmpty() && encoder.matches(newPassword, existing.passwordHash())) {
      errors.add(new FieldError("newPassword", "must differ from your current password"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    store.save(existing.withPasswordHash(encoder.encode(newPassword)));
    log.info("User '{}' changed their password", username);
  }

  private UserAccount existing(String username) {
    return store.find(username).orElseThrow(() -> new AccessDeniedException("no such user"));
  }

  private static void checkPassword(String field, String password, List<FieldError> errors) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      errors.add(new FieldError(field, "must be at least " + MIN_PASSWORD_LENGTH + " characters"));
    } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      // bcrypt reads no further; Spring's encoder refuses longer ones with an exception.
      errors.add(
          new FieldError(
              field, "must be at most " + MAX_PASSWORD_BYTES + " bytes (bcrypt's limit)"));
    }
  }

  private static void checkRoleAndNamespaces(
      Role role, List<String> namespaces, List<FieldError> errors) {
    if (role == null) {
      errors.add(new FieldError("role", "is required"));
    }
    for (String ns : namespaces) {
      if (!NAMESPACE.matcher(ns).matches()) {
        errors.add(new FieldError("namespaces", "'" + ns + "' is not a valid namespace name"));
      }
    }
  }
}
