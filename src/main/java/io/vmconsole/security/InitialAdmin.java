package io.vmconsole.security;

import io.vmconsole.datadir.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creates the first admin on a store with no users: with the configured password, or a random one written
 * to {@code initial-admin-password} (readable by its owner only). The log names that file, never the
 * password: logs are read by more people, and kept longer, than a 0600 file.
 */
final class InitialAdmin {
  private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
  private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private InitialAdmin() {}

  static void ensure(UserStore store, PasswordEncoder encoder, String configured, Path dataDir) {
    if (!store.isEmpty()) {
      return;
    }
    boolean random = configured == null || configured.isBlank();
    String password = random ? randomPassword() : configured;
    store.save(new UserAccount("admin", encoder.encode(password), Role.ADMIN, List.of()));
    if (random) {
      Path file = dataDir.resolve("initial-admin-password");
      try {
        OwnerOnly.write(file, password + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      log.warn("Created user 'admin'; its password is in {} (readable by this user only)", file);
    } else {
      log.info("Created user 'admin' with the configured initial password");
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
