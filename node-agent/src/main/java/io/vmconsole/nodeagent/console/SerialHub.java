package io.vmconsole.nodeagent.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * The agent's one connection to a VM's serial port (QEMU's socket chardev serves a single client),
 * fanned out to every viewer. Output is kept in a bounded ring and in {@code serial.log} (rewritten
 * from the ring when it grows past twice the bound), so the boot log survives an agent restart.
 */
public final class SerialHub implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SerialHub.class.getName());
  public static final int LOG_BYTES = 1 << 20;

  private final SocketChannel channel;
  private final ByteRing ring = new ByteRing(LOG_BYTES);
  private final ConsoleSessions sessions;
  private final Path logFile;
  private OutputStream log;
  private long logSize;
  private volatile boolean closed;

  private SerialHub(SocketChannel channel, Path logFile, Clock clock) {
    this.channel = channel;
    this.logFile = logFile;
    this.sessions = new ConsoleSessions(clock);
  }

  /**
   * @param fresh true at power-on (the log starts empty), false when re-adopting (the persisted log
   *     is kept and continued)
   */
  public static SerialHub connect(
      Path socket, Path logFile, boolean fresh, Clock clock, String name) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    SerialHub hub = new SerialHub(ch, logFile, clock);
    if (!fresh && Files.exists(logFile)) {
      byte[] old = Files.readAllBytes(logFile);
      hub.ring.write(old, 0, old.length);
    }
    hub.log =
        Files.newOutputStream(
            logFile,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
    hub.logSize = fresh ? 0 : Files.size(logFile);
    Thread t = new Thread(hub::readLoop, "serial-" + name);
    t.setDaemon(true);
    t.start();
    return hub;
  }

  public ConsoleSessions sessions() {
    return sessions;
  }

  /** The boot log: serial output since power-on, at most {@link #LOG_BYTES}. */
  public byte[] log() {
    return ring.snapshot();
  }

  /**
   * Output from before this hub: a migrated guest's log, sent by the source before the guest runs
   * here, so the log continues across the move.
   */
  public void continueFrom(byte[] earlier) {
    ring.write(earlier, 0, earlier.length);
    persist(earlier);
  }

  /** Keystrokes; only the interactive holder's reach the guest. */
  public boolean input(ConsoleClient from, byte[] data) {
    if (!sessions.isHolder(from)) {
      return false;
    }
    try {
      synchronized (channel) {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
          channel.write(b);
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void readLoop() {
    ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
    try {
      while (channel.read(buf) >= 0) {
        byte[] data = Arrays.copyOf(buf.array(), buf.position());
        buf.clear();
        // The ring before the viewers (one who joins now finds the bytes in one or the other), the
        // log
        // file after them: a keystroke's echo should not wait for a file write.
        ring.write(data, 0, data.length);
        for (ConsoleClient c : sessions.clients()) {
          c.send(data);
        }
        persist(data);
      }
    } catch (IOException e) {
      // QEMU exited or close() was called.
    }
    close();
  }

  private synchronized void persist(byte[] data) {
    try {
      if (logSize + data.length > 2L * LOG_BYTES) {
        log.close();
        Path tmp = logFile.resolveSibling(logFile.getFileName() + ".tmp");
        byte[] kept = ring.snapshot();
        Files.write(tmp, kept);
        Files.move(tmp, logFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        log = Files.newOutputStream(logFile, StandardOpenOption.APPEND);
        logSize = kept.length;
        return;
      }
      log.write(data);
      log.flush();
      logSize += data.length;
    } catch (IOException e) {
      LOG.warning("cannot persist serial log " + logFile + ": " + e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Already closed.
    }
    synchronized (this) {
      try {
        log.close();
      } catch (IOException e) {
        // Nothing more to write.
      }
    }
    for (ConsoleClient c : sessions.clients()) {
      c.control(ConsoleSessions.message("closed", java.util.Map.of("reason", "VM stopped")));
      c.close();
    }
  }
}
