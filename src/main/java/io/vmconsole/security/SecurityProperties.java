package io.vmconsole.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings.
 *
 * @param initialAdminPassword password of the first admin; random when empty
 * @param maxFailedLogins failed logins of one user name, from any client, before it is locked
 * @param maxFailedLoginsPerAddress failed logins from one client address, of any names, within 15
 *     minutes before its logins are refused (generous: people behind one NAT share an address)
 * @param lockout how long the first lock-out lasts; later ones double
 * @param anonymousSessionTimeout how long a session nobody signed in to (the login page's) lives
 *     unused
 * @param maxAnonymousSessions how many such sessions there may be; beyond, the oldest ends
 */
@ConfigurationProperties("vmconsole.security")
public record SecurityProperties(
    String initialAdminPassword,
    Integer maxFailedLogins,
    Integer maxFailedLoginsPerAddress,
    Duration lockout,
    Duration anonymousSessionTimeout,
    Integer maxAnonymousSessions) {
  public SecurityProperties {
    maxFailedLogins = maxFailedLogins == null ? 5 : maxFailedLogins;
    maxFailedLoginsPerAddress = maxFailedLoginsPerAddress == null ? 30 : maxFailedLoginsPerAddress;
    lockout = lockout == null ? Duration.ofMinutes(1) : lockout;
    anonymousSessionTimeout =
        anonymousSessionTimeout == null ? Duration.ofMinutes(10) : anonymousSessionTimeout;
    maxAnonymousSessions = maxAnonymousSessions == null ? 1000 : maxAnonymousSessions;
  }
}
