package io.vmconsole.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Bytes per second of non-incremental full-frame updates (raw encoding), two requests in flight.
 */
final class VncThroughput {
  private final ByteStream s;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  private VncThroughput(ByteStream s) {
    this.s = s;
  }

  static double measure(ByteStream s, long nanos) throws IOException {
    return new VncThroughput(s).run(nanos);
  }

  private double run(long nanos) throws IOException {
    read(12);
    s.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
    int types = read(1)[0] & 0xff;
    read(types);
    s.write(new byte[] {1});
    read(4);
    s.write(new byte[] {1});
    ByteBuffer init = ByteBuffer.wrap(read(24));
    int w = init.getShort(0) & 0xffff;
    int h = init.getShort(2) & 0xffff;
    read(init.getInt(20));
    s.write(new byte[] {2, 0, 0, 1, 0, 0, 0, 0});
    long frame = (long) w * h * 4;
    byte[] request =
        ByteBuffer.allocate(10)
            .put((byte) 3)
            .put((byte) 0)
            .putShort((short) 0)
            .putShort((short) 0)
            .putShort((short) w)
            .putShort((short) h)
            .array();
    s.write(request);
    s.write(request);
    long received = pending.size();
    long requested = 2;
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < nanos) {
      received += s.read().length;
      while (received / frame + 2 > requested) {
        s.write(request);
        requested++;
      }
    }
    return received / ((System.nanoTime() - t0) / 1e9);
  }

  private byte[] read(int n) throws IOException {
    while (pending.size() < n) {
      pending.writeBytes(s.read());
    }
    byte[] all = pending.toByteArray();
    pending.reset();
    pending.write(all, n, all.length - n);
    byte[] out = new byte[n];
    System.arraycopy(all, 0, out, 0, n);
    return out;
  }
}
