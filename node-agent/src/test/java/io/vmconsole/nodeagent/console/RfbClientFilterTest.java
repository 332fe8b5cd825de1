package io.vmconsole.nodeagent.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RfbClientFilterTest {
  private static final byte[] VERSION = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEY = {4, 1, 0, 0, 0, 0, 0, 0x61};
  private static final byte[] POINTER = {5, 0, 0, 10, 0, 20};
  private static final byte[] UPDATE_REQ = {3, 1, 0, 0, 0, 0, 1, 0, 1, 0};
  private static final byte[] ENCODINGS = {2, 0, 0, 2, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0};

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  @Test
  void watcherInputIsDroppedAndSharedIsForced() {
    RfbClientFilter f = new RfbClientFilter(() -> false);
    byte[] in = cat(VERSION, new byte[] {1}, new byte[] {0}, ENCODINGS, KEY, UPDATE_REQ, POINTER);
    assertArrayEquals(
        cat(VERSION, new byte[] {1}, new byte[] {1}, ENCODINGS, UPDATE_REQ), f.filter(in));
  }

  @Test
  void holderInputPassesEvenSplitAcrossFrames() {
    AtomicBoolean holder = new AtomicBoolean(true);
    RfbClientFilter f = new RfbClientFilter(holder::get);
    byte[] in = cat(VERSION, new byte[] {1}, new byte[] {1}, KEY, POINTER);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : in) {
      out.writeBytes(f.filter(new byte[] {b}));
    }
    assertArrayEquals(in, out.toByteArray());
    holder.set(false);
    assertArrayEquals(UPDATE_REQ, f.filter(cat(KEY, UPDATE_REQ)));
  }

  @Test
  void extendedClipboardsNegativeLengthIsFramedNotLooped() {
    // noVNC's Extended Clipboard "caps" message: ClientCutText with length -8 and 8 bytes of
    // payload.
    byte[] extended = {
      6, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf8, 0x10, 0, 0, 0x1f, 0, 0, 0, 0
    };
    RfbClientFilter holder = new RfbClientFilter(() -> true);
    byte[] in = cat(VERSION, new byte[] {1}, new byte[] {1}, extended, KEY);
    assertArrayEquals(in, holder.filter(in));
    RfbClientFilter watcher = new RfbClientFilter(() -> false);
    assertArrayEquals(cat(VERSION, new byte[] {1}, new byte[] {1}), watcher.filter(in));
  }
}
