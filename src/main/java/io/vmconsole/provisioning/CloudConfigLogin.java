package io.vmconsole.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The login a #cloud-config sets up: its first user (cloud-init's "default" aside) and the password
 * when the config carries it in plain text (plain_text_passwd). One place writes such a config (the
 * Demo template's) and reads it back (the VM page's "log in as").
 *
 * @param password empty when the config holds only a hash, or none
 */
public record CloudConfigLogin(String user, Optional<String> password) {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  // No 0/O, 1/l/I: the password is read off the screen and typed on a serial console.
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  /** A user with a new random password of 14 characters (about 81 bits). */
  public static CloudConfigLogin generated(String user) {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 14; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return new CloudConfigLogin(user, Optional.of(password.toString()));
  }

  /** The login the user data sets up; empty for a script, a config without users, or bad YAML. */
  public static Optional<CloudConfigLogin> of(String userData) {
    if (userData == null || !userData.startsWith("#cloud-config")) {
      return Optional.empty();
    }
    JsonNode config;
    try {
      config = YAML.readTree(userData);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    for (JsonNode user : config == null ? YAML.createArrayNode() : config.path("users")) {
      String name = user.path("name").asText("");
      if (!name.isEmpty()) {
        String password = user.path("plain_text_passwd").asText("");
        boolean usable = !user.path("lock_passwd").asBoolean(true) && !password.isEmpty();
        return Optional.of(new CloudConfigLogin(name, Optional.of(password).filter(p -> usable)));
      }
    }
    return Optional.empty();
  }

  /**
   * A #cloud-config that makes this user with this password, unlocked, for the console and for SSH.
   */
  public String userData() {
    return """
        #cloud-config
        users:
          - name: %s
            plain_text_passwd: "%s"
            lock_passwd: false
        ssh_pwauth: true
        """
        .formatted(user, password.orElseThrow());
  }
}
