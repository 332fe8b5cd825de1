package io.vmconsole.nodeagent.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumTest {
  private static final byte[] DATA = "test".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({
    "md5:098f6bcd4621d373cade4e832627b4f6",
    "sha1:a94a8fe5ccb19ba61c4c0873d391e987982fbbd3",
    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "SHA256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
    "sha512:ee26b0dd4af7e749aa1a8ee3c10ae9923f618980772e473f8819a5d4940e0db27ac185f8a0e1d5f84f88bc887fd67b143732c304cc5fa9ad8e6f57f50028a8ff"
  })
  void eachAlgorithmVerifies(String text) {
    Checksum c = Checksum.parse(text, "checksum");
    assertNull(c.mismatch(c.newDigest().digest(DATA)));
  }

  @Test
  void aMismatchNamesBothChecksums() {
    Checksum c = Checksum.parse("sha256:" + "0".repeat(64), "checksum");
    String m = c.mismatch(c.newDigest().digest(DATA));
    assertTrue(m.contains("checksum mismatch"), m);
    assertTrue(m.contains("sha256:" + "0".repeat(64)), m);
    assertTrue(m.contains("9f86d081"), m);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sha256", "crc32:1234", "sha256:abc", "md5:zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"})
  void malformedIsA400NamingTheField(String text) {
    StorageError e = assertThrows(StorageError.class, () -> Checksum.parse(text, "checksum"));
    assertEquals(400, e.status());
    assertEquals("checksum", e.field());
  }

  @Test
  void absentMeansNoCheck() {
    assertNull(Checksum.parse(null, "checksum"));
  }
}
