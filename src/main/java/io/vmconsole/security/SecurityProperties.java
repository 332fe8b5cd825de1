package io.vmconsole.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings.
 *
 * @param initialAdminPassword password of the first admin; random when empty
 * @param maxFailedLogins failed logins (per user and client) before a lock-out
 * @param lockout how long the first lock-out lasts; later ones double
 */
@ConfigurationProperties("vmconsole.security")
public record SecurityProperties(String initialAdminPassword, Integer maxFailedLogins, Duration lockout) {
  public SecurityProperties {
    maxFailedLogins = maxFailedLogins == null ? 5 : maxFailedLogins;
    lockout = lockout == null ? Duration.ofMinutes(1) : lockout;
  }
}
