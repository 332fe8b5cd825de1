package io.vmconsole.cluster.embedded.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The one on-disk unit of the log and of snapshots: {@code [payload length: int][CRC-32C of the
 * payload: int][payload: UTF-8 JSON]}. A frame cut short by a crash, or one whose bytes changed,
 * fails its length or checksum, which is how recovery finds where the good bytes end.
 *
 * <p>A writer keeps one growing buffer and reuses it batch after batch, so the log's steady state
 * allocates nothing per frame beyond what Jackson needs.
 */
final class Frames {

  static final int HEADER_BYTES = 8;

  /** No object the API accepts comes near this; a longer "length" is damage. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

  static final ObjectMapper JSON = new ObjectMapper();

  /** Writes one frame's payload. */
  interface Payload {
    void write(JsonGenerator json) throws IOException;
  }

  private final Buffer buffer = new Buffer();
  private final CRC32C crc = new CRC32C();

  /** Appends one frame. */
  void add(Payload payload) {
    int start = buffer.size;
    buffer.reserve(HEADER_BYTES);
    try (JsonGenerator json = JSON.getFactory().createGenerator(buffer, JsonEncoding.UTF8)) {
      payload.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int length = buffer.size - start - HEADER_BYTES;
    crc.reset();
    crc.update(buffer.bytes, start + HEADER_BYTES, length);
    ByteBuffer.wrap(buffer.bytes, start, HEADER_BYTES).putInt(length).putInt((int) crc.getValue());
  }

  /** The frames added since the last {@link #clear()}, ready to write. */
  ByteBuffer bytes() {
    return ByteBuffer.wrap(buffer.bytes, 0, buffer.size);
  }

  int size() {
    return buffer.size;
  }

  void clear() {
    buffer.size = 0;
  }

  /** Reads frames back from the start of {@code bytes} for as long as they are whole and intact. */
  static final class Reader {
    private final byte[] bytes;
    private final CRC32C crc = new CRC32C();
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    /** The next intact frame's payload, or null at the end of the good bytes. */
    JsonNode next() {
      if (bytes.length - position < HEADER_BYTES) {
        return null;
      }
      ByteBuffer header = ByteBuffer.wrap(bytes, position, HEADER_BYTES);
      int length = header.getInt();
      int checksum = header.getInt();
      int start = position + HEADER_BYTES;
      if (length <= 0 || length > MAX_PAYLOAD_BYTES || length > bytes.length - start) {
        return null;
      }
      crc.reset();
      crc.update(bytes, start, length);
      if ((int) crc.getValue() != checksum) {
        return null;
      }
      try {
        JsonNode payload = JSON.readTree(bytes, start, length);
        if (payload == null || !payload.isObject()) {
          return null;
        }
        position = start + length;
        return payload;
      } catch (IOException e) {
        return null;
      }
    }

    /** Where the intact frames read so far end. */
    int position() {
      return position;
    }

    /** Whether bytes follow that did not make a frame (a torn or damaged tail). */
    boolean damagedAfter() {
      return position < bytes.length;
    }
  }

  /** A growable byte array that hands out its storage, so nothing is copied to write it. */
  private static final class Buffer extends OutputStream {
    private byte[] bytes = new byte[64 * 1024];
    private int size;

    void reserve(int n) {
      ensure(n);
      size += n;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }
  }
}
