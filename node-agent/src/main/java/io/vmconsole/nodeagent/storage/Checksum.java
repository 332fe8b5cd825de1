package io.vmconsole.nodeagent.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** An expected digest, {@code <algorithm>:<hex>}, e.g. {@code sha256:9f86d0…}. */
public record Checksum(String algorithm, String hex) {
  private static final Map<String, String> JCA =
      Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256", "sha512", "SHA-512");
  private static final Map<String, Integer> HEX_LENGTH =
      Map.of("md5", 32, "sha1", 40, "sha256", 64, "sha512", 128);

  /** Null for null (no check asked); a 400 naming {@code field} when malformed. */
  public static Checksum parse(String text, String field) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    int colon = text.indexOf(':');
    String alg = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
    String hex = colon < 0 ? "" : text.substring(colon + 1).toLowerCase(Locale.ROOT);
    Integer len = HEX_LENGTH.get(alg);
    if (len == null) {
      throw StorageError.badRequest(
          field, field + " must be <md5|sha1|sha256|sha512>:<hex>, got " + text);
    }
    if (hex.length() != len || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw StorageError.badRequest(field, field + ": " + alg + " needs " + len + " hex digits");
    }
    return new Checksum(alg, hex);
  }

  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(JCA.get(algorithm));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has " + algorithm, e);
    }
  }

  /** Null when {@code actual} matches, else the message a failed job carries. */
  public String mismatch(byte[] actual) {
    String got = HexFormat.of().formatHex(actual);
    return got.equals(hex)
        ? null
        : "checksum mismatch: expected " + algorithm + ":" + hex + ", got " + algorithm + ":" + got;
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
