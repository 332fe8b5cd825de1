package io.vmconsole.console;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Puts the boot log before the live serial stream without a gap or a repeat. The live stream is
 * attached first and held back; then the log is read, sent, and the held bytes follow minus the
 * part the log already ended with (what arrived between attaching and reading is in both).
 */
final class SerialReplay {
  private final Consumer<byte[]> out;
  private ByteArrayOutputStream held = new ByteArrayOutputStream();

  SerialReplay(Consumer<byte[]> out) {
    this.out = out;
  }

  synchronized void live(byte[] bytes) {
    if (held != null) {
      held.writeBytes(bytes);
    } else {
      out.accept(bytes);
    }
  }

  synchronized void replayLog(byte[] log) {
    if (held == null) {
      return;
    }
    byte[] pending = held.toByteArray();
    held = null;
    if (log.length > 0) {
      out.accept(log);
    }
    int skip = overlap(log, pending);
    if (pending.length > skip) {
      byte[] rest = new byte[pending.length - skip];
      System.arraycopy(pending, skip, rest, 0, rest.length);
      out.accept(rest);
    }
  }

  /** The longest prefix of {@code pending} that {@code log} ends with. */
  static int overlap(byte[] log, byte[] pending) {
    for (int k = Math.min(log.length, pending.length); k > 0; k--) {
      boolean same = true;
      for (int i = 0; i < k && same; i++) {
        same = log[log.length - k + i] == pending[i];
      }
      if (same) {
        return k;
      }
    }
    return 0;
  }
}
