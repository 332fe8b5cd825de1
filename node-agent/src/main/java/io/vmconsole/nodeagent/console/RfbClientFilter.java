package io.vmconsole.nodeagent.console;

import java.io.ByteArrayOutputStream;
import java.util.function.BooleanSupplier;

/**
 * Parses the client → server half of RFB 3.8 so that a watcher's input (keys, pointer, clipboard)
 * never reaches the guest, and forces the ClientInit "shared" flag on so no client can disconnect
 * the others. Holder changes take effect at the next message.
 */
public final class RfbClientFilter {
  private enum Phase {
    VERSION,
    SECURITY,
    VNC_AUTH,
    INIT,
    MESSAGES,
    UNKNOWN
  }

  private static final int MAX_CUT_TEXT = 1 << 20;
  private final BooleanSupplier mayType;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private Phase phase = Phase.VERSION;

  /**
   * @param mayType asked per input message: is this client the interactive holder now?
   */
  public RfbClientFilter(BooleanSupplier mayType) {
    this.mayType = mayType;
  }

  /** Feeds client bytes; returns what may be forwarded to QEMU. */
  public byte[] filter(byte[] in) {
    pending.writeBytes(in);
    byte[] buf = pending.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < buf.length) {
      if (phase == Phase.UNKNOWN) {
        // Lost track of the framing: only the holder's bytes pass, unparsed.
        if (mayType.getAsBoolean()) {
          out.write(buf, pos, buf.length - pos);
        }
        pos = buf.length;
        break;
      }
      int need = needed(buf, pos);
      if (need < 0 || pos + need > buf.length) {
        break;
      }
      emit(buf, pos, need, out);
      pos += need;
    }
    pending.reset();
    pending.write(buf, pos, buf.length - pos);
    return out.toByteArray();
  }

  /** Length of the next client message, -1 when its header is not complete yet. */
  private int needed(byte[] b, int p) {
    int avail = b.length - p;
    switch (phase) {
      case VERSION:
        return 12;
      case SECURITY:
      case INIT:
        return 1;
      case VNC_AUTH:
        return 16;
      default:
        break;
    }
    int type = b[p] & 0xff;
    switch (type) {
      case 0:
        return 20;
      case 2:
        return avail < 4 ? -1 : 4 + 4 * u16(b, p + 2);
      case 3:
      case 150:
        return 10;
      case 4:
        return 8;
      case 5:
        return 6;
      case 6:
        return avail < 8 ? -1 : cutTextLength(b, p);
      case 248:
        return avail < 9 ? -1 : 9 + (b[p + 8] & 0xff);
      case 251:
        return avail < 8 ? -1 : 8 + 16 * (b[p + 6] & 0xff);
      case 255:
        return avail < 4 ? -1 : qemuMessage(b[p + 1] & 0xff, u16(b, p + 2));
      default:
        phase = Phase.UNKNOWN;
        return 0;
    }
  }

  /**
   * ClientCutText: the length is signed; negative means the Extended Clipboard form with |length|
   * bytes (noVNC sends it). Text larger than a clipboard could sensibly be ends the parsing instead
   * of buffering it.
   */
  private int cutTextLength(byte[] b, int p) {
    long length = Math.abs((long) (int) u32(b, p + 4));
    if (length > MAX_CUT_TEXT) {
      phase = Phase.UNKNOWN;
      return 0;
    }
    return 8 + (int) length;
  }

  private static int qemuMessage(int subtype, int op) {
    if (subtype == 0) {
      return 12;
    }
    return op == 2 ? 10 : 4;
  }

  private void emit(byte[] b, int p, int len, ByteArrayOutputStream out) {
    switch (phase) {
      case VERSION:
        phase = Phase.SECURITY;
        out.write(b, p, len);
        return;
      case SECURITY:
        phase = b[p] == 2 ? Phase.VNC_AUTH : Phase.INIT;
        out.write(b, p, len);
        return;
      case VNC_AUTH:
        phase = Phase.INIT;
        out.write(b, p, len);
        return;
      case INIT:
        phase = Phase.MESSAGES;
        out.write(1);
        return;
      default:
        break;
    }
    if (len == 0) {
      return;
    }
    if (!isInput(b[p] & 0xff, len) || mayType.getAsBoolean()) {
      out.write(b, p, len);
    }
  }

  private static boolean isInput(int type, int len) {
    return type == 4 || type == 5 || type == 6 || (type == 255 && len == 12);
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
  }

  private static long u32(byte[] b, int p) {
    return ((long) u16(b, p) << 16) | u16(b, p + 2);
  }
}
