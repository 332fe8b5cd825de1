package io.vmconsole.security;

import io.vmconsole.datadir.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creates the first admin on a store with no users: with the configured password, or a random one
 * written to {@code initial-admin-password} (readable by its owner only). The log names that file,
 * never the password: logs are read by more people, and kept longer, than a 0600 file. A generated
 * password must be changed at the first login; once it is, the file goes. A configured one is the
 * operator's own choice.
 */
final class InitialAdmin {
  static final String USERNAME = "admin";
  private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
  private static final String ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final UserStore store;
  private final Path passwordFile;

  private InitialAdmin(UserStore store, Path dataDir) {
    this.store = store;
    this.passwordFile = dataDir.resolve("initial-admin-password");
  }

  /**
   * Creates the first admin when there is none, and deletes the generated password once it is
   * changed.
   */
  static void ensure(UserStore store, PasswordEncoder encoder, String configured, Path dataDir) {
    InitialAdmin admin = new InitialAdmin(store, dataDir);
    if (store.isEmpty()) {
      admin.create(encoder, configured);
    }
    admin.forgetGeneratedPasswordOnceChanged(USERNAME);
    store.onChange(admin::forgetGeneratedPasswordOnceChanged);
  }

  private void create(PasswordEncoder encoder, String configured) {
    boolean random = configured == null || configured.isBlank();
    String password = random ? randomPassword() : configured;
    UserAccount account =
        new UserAccount(USERNAME, encoder.encode(password), Role.ADMIN, List.of());
    if (random) {
      try {
        OwnerOnly.write(passwordFile, password + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      store.save(account.withPasswordChangeDemanded());
      log.warn(
          "Created user '{}'; its password is in {} (readable by this user only) and must be changed at the "
              + "first login",
          USERNAME,
          passwordFile);
    } else {
      store.save(account);
      log.info("Created user '{}' with the configured initial password", USERNAME);
    }
  }

  private void forgetGeneratedPasswordOnceChanged(String username) {
    if (!USERNAME.equals(username) || !Files.exists(passwordFile)) {
      return;
    }
    boolean stillPending = store.find(USERNAME).map(UserAccount::mustChangePassword).orElse(false);
    if (!stillPending) {
      try {
        Files.deleteIfExists(passwordFile);
        log.info(
            "The generated password of user '{}' was changed; {} is deleted",
            USERNAME,
            passwordFile);
      } catch (IOException e) {
        log.warn("Could not delete {}: {}", passwordFile, e.toString());
      }
    }
  }

  private static String randomPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
