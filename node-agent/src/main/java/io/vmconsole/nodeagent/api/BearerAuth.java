package io.vmconsole.nodeagent.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks {@code Authorization: Bearer <token>} in constant time. */
public final class BearerAuth {
  private static final String SCHEME = "bearer ";
  private final byte[] expectedDigest;
  private final PathTickets tickets;

  /**
   * One-use credentials that open one path only (a migration stream); the agent token opens every
   * path.
   */
  public interface PathTickets {
    /** True, and the ticket used up, when {@code ticket} opens {@code path} now. */
    boolean redeem(String path, String ticket);
  }

  public BearerAuth(String token) {
    this(token, (path, ticket) -> false);
  }

  public BearerAuth(String token, PathTickets tickets) {
    this.tickets = tickets;
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("empty token");
    }
    this.expectedDigest = sha256(token);
  }

  /** The agent token, or a ticket for exactly this path. */
  public boolean allows(String authorizationHeader, String path) {
    return allows(authorizationHeader)
        || (presented(authorizationHeader) != null
            && tickets.redeem(path, presented(authorizationHeader)));
  }

  private static String presented(String authorizationHeader) {
    if (authorizationHeader == null
        || authorizationHeader.length() < SCHEME.length()
        || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    return authorizationHeader.substring(SCHEME.length()).strip();
  }

  public boolean allows(String authorizationHeader) {
    if (authorizationHeader == null
        || authorizationHeader.length() < SCHEME.length()
        || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    String presented = authorizationHeader.substring(SCHEME.length()).strip();
    // Comparing digests keeps the time independent of the token's length as well as its content.
    return MessageDigest.isEqual(expectedDigest, sha256(presented));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
