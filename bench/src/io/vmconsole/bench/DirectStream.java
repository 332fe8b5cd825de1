package io.vmconsole.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/** QEMU's own socket, no proxy: the baseline. */
final class DirectStream implements ByteStream {
  private final SocketChannel ch;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);
  private long arrivedAt;

  DirectStream(SocketChannel ch) {
    this.ch = ch;
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  @Override
  public byte[] read() throws IOException {
    buf.clear();
    if (ch.read(buf) < 0) {
      throw new IOException("closed");
    }
    arrivedAt = System.nanoTime();
    return Arrays.copyOf(buf.array(), buf.position());
  }

  @Override
  public long arrivedAt() {
    return arrivedAt;
  }
}
