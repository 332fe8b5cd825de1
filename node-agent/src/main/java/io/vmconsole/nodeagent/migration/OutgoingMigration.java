package io.vmconsole.nodeagent.migration;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vmconsole.nodeagent.vm.ConflictException;
import io.vmconsole.nodeagent.vm.MigrationHooks;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The source side, run on one blocking thread from start to end. The commit rule: the guest stays
 * this agent's until the target answers {@code running}; every failure before {@code commit} was
 * sent cancels QEMU's migration and resumes the guest here.
 */
final class OutgoingMigration implements Migration.Control {
  private static final Logger LOG = Logger.getLogger(OutgoingMigration.class.getName());
  static final String SOCKET = "mig-out.sock";
  private static final long SAMPLE_MS = 500;
  private static final long CONNECT_S = 30;
  private static final long HANDSHAKE_S = 60;

  /** What the control loop waits on: frames from the target, the pump's end, a cancel. */
  private record Signal(String kind, String detail) {}

  private final Migration m;
  private final MigrationHooks hooks;
  private final Vertx vertx;
  private final ScheduledExecutorService timers;
  private final String targetUrl;
  private final String ticket;
  private final LinkedBlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> wsClosed = new CompletableFuture<>();
  private volatile QemuMigration qemu;
  private volatile long stopNanos;
  private boolean commitSent;

  OutgoingMigration(
      Migration m,
      MigrationHooks hooks,
      Vertx vertx,
      ScheduledExecutorService timers,
      String targetUrl,
      String ticket) {
    this.m = m;
    this.hooks = hooks;
    this.vertx = vertx;
    this.timers = timers;
    this.targetUrl = targetUrl;
    this.ticket = ticket;
    m.control(this);
  }

  /** A failure of the run: {@code end} is Failed or Cancelled. */
  private static final class Abort extends Exception {
    final MigrationState end;

    Abort(MigrationState end, String reason) {
      super(reason);
      this.end = end;
    }
  }

  /** Blocking, start to end. */
  void run() {
    MigrationHooks.Source src;
    try {
      src = hooks.source(m.vmId);
    } catch (RuntimeException e) {
      m.moveTo(MigrationState.Failed, e.getMessage());
      return;
    }
    qemu = new QemuMigration(src.qmp());
    hooks.migratingAway(m.vmId, true);
    Path sock = src.dir().resolve(SOCKET);
    // Unmasked: masking (XOR of every byte, against proxy cache poisoning by browser scripts)
    // protects nothing between two agents and costs the relay a good part of its CPU.
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setSendUnmaskedFrames(true)
                .setMaxFrameSize(OutgoingPump.MAX_FRAME)
                .setMaxMessageSize(OutgoingPump.MAX_FRAME));
    WebSocket ws = null;
    ServerSocketChannel listener = null;
    SocketChannel stream = null;
    Consumer<JsonNode> stopWatch =
        e -> {
          if ("STOP".equals(e.path("event").asText())) {
            stopNanos = System.nanoTime();
          }
          if (QemuMigration.migrationEventStatus(e) != null) {
            signals.add(new Signal("qemu", QemuMigration.migrationEventStatus(e)));
          }
        };
    try {
      ws = connect(client);
      listener = listen(sock);
      qemu.enableEvents();
      qemu.setAutoConverge(m.autoConverge());
      qemu.setMaxBandwidth(m.status().maxBandwidthBytesPerSecond());
      qemu.setDowntimeLimit(m.downtimeLimitMs());
      checkCancelled();
      src.qmp().watch(stopWatch);
      m.moveTo(MigrationState.Running, null);
      if (CopiesPaused.needed(src.accelerator(), qemu.majorVersion())) {
        qemu.pause();
      }
      qemu.start("unix:" + sock);
      stream = accept(listener);
      OutgoingPump.start(
          stream,
          ws,
          wsClosed,
          error -> signals.add(new Signal(error == null ? "eof" : "pumpFailed", error)));
      awaitQemuCompleted();
      m.moveTo(MigrationState.Completing, null);
      // The guest is stopped: its log is complete. Sent while the target loads the last pages, not
      // between received and commit, where it would lengthen the pause.
      sendSerialLog(ws);
      await(ControlFrames.RECEIVED, "the target did not confirm receiving the guest");
      ws.writeTextMessage(ControlFrames.of(ControlFrames.COMMIT));
      commitSent = true;
      await(ControlFrames.RUNNING, "the target did not confirm that the guest runs");
      if (stopNanos != 0) {
        m.downtimeMs((System.nanoTime() - stopNanos) / 1_000_000);
      }
      hooks.migratedAway(m.vmId, m.targetNode);
      m.moveTo(MigrationState.Succeeded, "running on " + m.targetNode);
    } catch (Abort a) {
      end(a.end, a.getMessage(), ws);
    } catch (Exception e) {
      end(MigrationState.Failed, String.valueOf(e.getMessage()), ws);
    } finally {
      src.qmp().unwatch(stopWatch);
      closeQuietly(stream);
      closeQuietly(listener);
      try {
        Files.deleteIfExists(sock);
      } catch (IOException e) {
        // A stale socket file is replaced by the next migration.
      }
      if (ws != null && !ws.isClosed()) {
        ws.close();
      }
      client.close();
    }
  }

  private WebSocket connect(WebSocketClient client) throws Abort {
    String base = targetUrl.replaceFirst("^http", "ws");
    WebSocketConnectOptions o =
        new WebSocketConnectOptions()
            .setAbsoluteURI(base + "/v1/migrations/" + m.id + "/stream")
            .addHeader("Authorization", "Bearer " + ticket);
    try {
      WebSocket ws =
          client
              .connect(o)
              .toCompletionStage()
              .toCompletableFuture()
              .get(CONNECT_S, TimeUnit.SECONDS);
      ws.textMessageHandler(t -> signals.add(new Signal("frame", t)));
      ws.closeHandler(
          v -> {
            wsClosed.complete(null);
            signals.add(new Signal("closed", null));
          });
      return ws;
    } catch (Exception e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      throw new Abort(
          MigrationState.Failed, "cannot open the target's migration stream: " + c.getMessage());
    }
  }

  private static ServerSocketChannel listen(Path sock) throws IOException {
    Files.deleteIfExists(sock);
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(sock), 1);
    return s;
  }

  /** QEMU connects right after {@code migrate}; a close by the timer ends a wait that hangs. */
  private SocketChannel accept(ServerSocketChannel listener) throws Abort {
    ScheduledFuture<?> guard =
        timers.schedule(() -> closeQuietly(listener), CONNECT_S, TimeUnit.SECONDS);
    try {
      return listener.accept();
    } catch (IOException e) {
      throw new Abort(MigrationState.Failed, "QEMU did not connect to " + SOCKET);
    } finally {
      guard.cancel(false);
    }
  }

  private void awaitQemuCompleted() throws Exception {
    while (true) {
      Signal s = signals.poll(SAMPLE_MS, TimeUnit.MILLISECONDS);
      if (s != null) {
        handleDuringTransfer(s);
      }
      QemuMigration.Sample sample = qemu.sample();
      m.progress(Progress.of(sample.raw(), m.status().progress()));
      switch (sample.status()) {
        case "completed" -> {
          return;
        }
        case "failed", "cancelled" ->
            throw new Abort(
                MigrationState.Failed,
                "QEMU: migration "
                    + sample.status()
                    + (sample.error() == null ? "" : " (" + sample.error() + ")"));
        default -> {}
      }
    }
  }

  private void handleDuringTransfer(Signal s) throws Abort {
    switch (s.kind()) {
      case "qemu" -> {
        // Only wakes the loop: the sample that follows reads the state.
      }
      case "cancel" -> throw new Abort(MigrationState.Cancelled, "cancelled");
      case "closed" -> throw new Abort(MigrationState.Failed, "the target closed the stream");
      case "pumpFailed" -> throw new Abort(MigrationState.Failed, s.detail());
      case "frame" -> {
        ControlFrames.Frame f = ControlFrames.parse(s.detail());
        if (ControlFrames.FAILED.equals(f.type())) {
          throw new Abort(MigrationState.Failed, "target: " + f.reason());
        }
        if (ControlFrames.RECEIVED.equals(f.type())) {
          // Early (the target loaded the last state before QEMU here reported completed): kept.
          signals.add(s);
        }
      }
      default -> {}
    }
  }

  /** Waits for one control frame; a cancel only counts before the commit was sent. */
  private void await(String type, String timeoutReason) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANDSHAKE_S);
    while (System.nanoTime() < deadline) {
      Signal s = signals.poll(SAMPLE_MS, TimeUnit.MILLISECONDS);
      if (s == null || s.kind().equals("eof") || s.kind().equals("qemu")) {
        continue;
      }
      if (s.kind().equals("cancel") && commitSent) {
        continue;
      }
      if (s.kind().equals("frame")) {
        ControlFrames.Frame f = ControlFrames.parse(s.detail());
        if (type.equals(f.type())) {
          return;
        }
      }
      handleDuringTransfer(s);
    }
    throw new Abort(MigrationState.Failed, timeoutReason);
  }

  private void sendSerialLog(WebSocket ws) {
    byte[] log = hooks.serialLog(m.vmId);
    for (int off = 0; off < log.length; off += ControlFrames.SERIAL_CHUNK) {
      int len = Math.min(ControlFrames.SERIAL_CHUNK, log.length - off);
      byte[] chunk = new byte[len];
      System.arraycopy(log, off, chunk, 0, len);
      ws.writeTextMessage(ControlFrames.serialLog(chunk));
    }
  }

  /**
   * Before the commit: QEMU's migration is cancelled and the guest resumed here. After it the
   * target may run the guest; resuming here could make two, so the guest stays paused and the
   * reason says so.
   */
  private void end(MigrationState end, String reason, WebSocket ws) {
    if (commitSent) {
      LOG.severe(
          "migration " + m.id + ": " + reason + " after commit; the source guest stays paused");
      m.moveTo(
          MigrationState.Failed,
          reason + " (after commit: the guest is left paused on the source; check the target)");
      return;
    }
    if (ws != null && !ws.isClosed()) {
      ws.writeTextMessage(ControlFrames.failed(reason));
    }
    recoverSource();
    hooks.migratingAway(m.vmId, false);
    m.moveTo(end, reason);
  }

  private void recoverSource() {
    if (qemu == null) {
      return;
    }
    try {
      QemuMigration.Sample s = qemu.sample();
      if (s.active()) {
        qemu.cancel();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (qemu.sample().active() || "cancelling".equals(qemu.sample().status())) {
          if (System.nanoTime() > deadline) {
            break;
          }
          Thread.sleep(50);
        }
      }
      if (!qemu.guestRunning()) {
        qemu.resume();
      }
    } catch (Exception e) {
      LOG.warning("migration " + m.id + ": resuming the source guest failed: " + e);
    }
  }

  private void checkCancelled() throws Abort {
    for (Signal s : signals) {
      if (s.kind().equals("cancel")) {
        throw new Abort(MigrationState.Cancelled, "cancelled");
      }
    }
  }

  @Override
  public void cancel() {
    if (commitSent) {
      throw new ConflictException(
          "migration " + m.id + " is committed to the target; it can no longer be cancelled");
    }
    signals.add(new Signal("cancel", null));
  }

  @Override
  public void setMaxBandwidth(long bytesPerSecond) {
    onQemu(q -> q.setMaxBandwidth(bytesPerSecond), "");
  }

  @Override
  public void setAutoConverge(boolean on) {
    // QEMU refuses capability changes while it migrates.
    onQemu(q -> q.setAutoConverge(on), "auto-converge cannot change now: ");
  }

  private interface QemuChange {
    void apply(QemuMigration q) throws Exception;
  }

  /** A live change of the running migration; QEMU's refusal becomes a 409 with its reason. */
  private void onQemu(QemuChange change, String refusedPrefix) {
    try {
      QemuMigration q = qemu;
      if (q != null) {
        change.apply(q);
      }
    } catch (Exception e) {
      throw new ConflictException(refusedPrefix + e.getMessage());
    }
  }

  /** Live (QEMU takes migrate-set-parameters during a migration): the controller's steps. */
  @Override
  public void setDowntimeLimit(long ms) {
    onQemu(q -> q.setDowntimeLimit(ms), "");
  }

  private static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // Already closed.
      }
    }
  }
}
