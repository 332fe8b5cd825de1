package io.vmconsole.agent.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks {@code Authorization: Bearer <token>} in constant time. */
public final class BearerAuth {
  private static final String SCHEME = "bearer ";
  private final byte[] expectedDigest;

  public BearerAuth(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("empty token");
    }
    this.expectedDigest = sha256(token);
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
