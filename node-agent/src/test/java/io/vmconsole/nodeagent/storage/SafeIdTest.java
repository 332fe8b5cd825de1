package io.vmconsole.nodeagent.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"3f2c9a1e-0b7d-4e55-9a0c-2d1f6e8b7a10", "disk1", "A_b-9"})
  void uidLikeTokensPass(String id) {
    assertTrue(SafeId.valid(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "..", "../etc", "a/b", ".hidden", "-rf", "a b", "x.qcow2", "é"})
  void pathsAndOptionsAreRefusedNamingTheField(String id) {
    assertFalse(SafeId.valid(id));
    StorageError e = assertThrows(StorageError.class, () -> SafeId.require(id, "image.uid"));
    assertEquals(400, e.status());
    assertEquals("image.uid", e.field());
  }

  @ParameterizedTest
  @ValueSource(ints = {65, 200})
  void longIdsAreRefused(int length) {
    assertFalse(SafeId.valid("a".repeat(length)));
  }
}
