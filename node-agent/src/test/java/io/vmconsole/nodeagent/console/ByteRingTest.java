package io.vmconsole.nodeagent.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteRingTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void keepsEverythingBelowCapacity() {
    ByteRing r = new ByteRing(8);
    r.write(b("abc"), 0, 3);
    r.write(b("de"), 0, 2);
    assertArrayEquals(b("abcde"), r.snapshot());
  }

  @Test
  void keepsTheLastBytesWhenWrapping() {
    ByteRing r = new ByteRing(4);
    r.write(b("abc"), 0, 3);
    r.write(b("def"), 0, 3);
    assertArrayEquals(b("cdef"), r.snapshot());
    r.write(b("0123456789"), 2, 7);
    assertArrayEquals(b("5678"), r.snapshot());
    assertEquals(13, r.totalWritten());
  }
}
