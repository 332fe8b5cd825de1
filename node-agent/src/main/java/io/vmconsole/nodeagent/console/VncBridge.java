package io.vmconsole.nodeagent.console;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One viewer's RFB stream: its own connection to QEMU's VNC socket (QEMU serves several shared
 * clients), bytes from QEMU passed through as they are, bytes to QEMU through {@link
 * RfbClientFilter} so only the interactive holder's input reaches the guest.
 */
public final class VncBridge implements AutoCloseable {
  private final SocketChannel channel;
  private final RfbClientFilter filter;
  private volatile boolean closed;

  private VncBridge(SocketChannel channel, RfbClientFilter filter) {
    this.channel = channel;
    this.filter = filter;
  }

  /**
   * @param toClient receives QEMU's bytes; it may block to apply back-pressure
   * @param onClose runs once when QEMU closes the connection
   */
  public static VncBridge open(
      Path socket,
      ConsoleSessions sessions,
      ConsoleClient client,
      Consumer<byte[]> toClient,
      Runnable onClose)
      throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    VncBridge b = new VncBridge(ch, new RfbClientFilter(() -> sessions.isHolder(client)));
    Thread t =
        new Thread(
            () -> {
              ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
              try {
                while (ch.read(buf) >= 0) {
                  toClient.accept(Arrays.copyOf(buf.array(), buf.position()));
                  buf.clear();
                }
              } catch (IOException e) {
                // Closed by QEMU or by close().
              }
              if (!b.closed) {
                b.close();
                onClose.run();
              }
            },
            "vnc-" + client.user());
    t.setDaemon(true);
    t.start();
    return b;
  }

  /** Bytes from the viewer. */
  public void fromClient(byte[] data) {
    byte[] allowed = filter.filter(data);
    try {
      synchronized (channel) {
        ByteBuffer b = ByteBuffer.wrap(allowed);
        while (b.hasRemaining()) {
          channel.write(b);
        }
      }
    } catch (IOException e) {
      close();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
