package io.vmconsole.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A WebSocket client doing blocking reads on the measuring thread, like {@link DirectStream} does
 * on QEMU's socket. With it the proxied and the direct figures differ only by the path, not by the
 * client: java.net.http adds its own selector thread and send completion to every round trip, which
 * a browser does not have in the same form. Only what the benchmark needs: binary frames out,
 * binary frames in, pings answered, text frames (the console's control messages) skipped.
 */
final class BlockingWebSocketStream implements ByteStream {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private long arrivedAt;

  private BlockingWebSocketStream(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    this.out = socket.getOutputStream();
  }

  static BlockingWebSocketStream open(URI ws, Map<String, String> headers) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    // A guest silent this long is stuck: the read fails with a reason instead of the run hanging.
    socket.setSoTimeout(300_000);
    socket.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), 10_000);
    BlockingWebSocketStream s = new BlockingWebSocketStream(socket);
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    StringBuilder request =
        new StringBuilder()
            .append("GET ")
            .append(ws.getRawPath())
            .append(ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery())
            .append(" HTTP/1.1\r\nHost: ")
            .append(ws.getHost())
            .append(':')
            .append(ws.getPort())
            .append(
                "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ")
            .append(Base64.getEncoder().encodeToString(nonce))
            .append("\r\n");
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    request.append("\r\n");
    s.out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    s.out.flush();
    String response = s.readHeaders();
    if (!response.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("no WebSocket upgrade: " + response.lines().findFirst().orElse(""));
    }
    return s;
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed during the handshake");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    send(0x2, bytes);
  }

  private synchronized void send(int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift));
      }
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i & 3]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  @Override
  public byte[] read() throws IOException {
    while (true) {
      int b0 = in.read();
      if (b0 < 0) {
        throw new EOFException("closed");
      }
      long now = System.nanoTime();
      int opcode = b0 & 0x0f;
      long length = readByte() & 0x7f;
      if (length == 126) {
        length = (readByte() << 8) | readByte();
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | readByte();
        }
      }
      byte[] payload = in.readNBytes((int) length);
      if (payload.length < length) {
        throw new EOFException("closed inside a frame");
      }
      switch (opcode) {
        case 0x0, 0x2 -> {
          arrivedAt = now;
          return payload;
        }
        case 0x8 -> throw new EOFException("closed by the server");
        case 0x9 -> send(0xA, payload);
        default -> {
          // Text (control messages) and pongs: not console bytes.
        }
      }
    }
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("closed inside a frame header");
    }
    return b;
  }

  @Override
  public long arrivedAt() {
    return arrivedAt;
  }

  void close() throws IOException {
    socket.close();
  }
}
