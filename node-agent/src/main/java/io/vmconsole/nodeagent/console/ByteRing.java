package io.vmconsole.nodeagent.console;

/** The last {@code capacity} bytes written: a console's output since power-on, bounded. */
public final class ByteRing {
  private final byte[] buf;
  private long written;

  public ByteRing(int capacity) {
    this.buf = new byte[capacity];
  }

  public synchronized void write(byte[] data, int off, int len) {
    if (len > buf.length) {
      // Only the tail survives; skipping the rest keeps the positions consistent.
      off += len - buf.length;
      written += len - buf.length;
      len = buf.length;
    }
    for (int i = 0; i < len; i++) {
      buf[(int) ((written + i) % buf.length)] = data[off + i];
    }
    written += len;
  }

  /** The kept bytes, oldest first. */
  public synchronized byte[] snapshot() {
    int size = (int) Math.min(written, buf.length);
    byte[] out = new byte[size];
    long start = written - size;
    for (int i = 0; i < size; i++) {
      out[i] = buf[(int) ((start + i) % buf.length)];
    }
    return out;
  }

  public synchronized long totalWritten() {
    return written;
  }
}
