package io.vmconsole.cluster.embedded;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The one credential of the embedded server: a bearer token, compared in constant time. */
final class BearerTokenAuth {

  private final byte[] expected;

  BearerTokenAuth(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a token is required");
    }
    this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  boolean accepts(String authorizationHeader) {
    if (authorizationHeader == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected, authorizationHeader.trim().getBytes(StandardCharsets.UTF_8));
  }
}
