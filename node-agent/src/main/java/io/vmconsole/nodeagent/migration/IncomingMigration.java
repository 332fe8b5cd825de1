package io.vmconsole.nodeagent.migration;

import io.vertx.core.http.ServerWebSocket;
import io.vmconsole.nodeagent.spec.VmSpec;
import io.vmconsole.nodeagent.vm.ConflictException;
import io.vmconsole.nodeagent.vm.MigrationHooks;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The target side: a paused QEMU waiting on {@code mig-in.sock}, fed from the source's WebSocket;
 * says {@code received} when QEMU has loaded the guest, and runs it only on {@code commit}.
 * Whatever ends it before the commit (stream closed, QEMU failed, cancel, no stream in time)
 * discards the incoming VM: the source still owns the guest.
 */
final class IncomingMigration implements Migration.Control {
  private static final Logger LOG = Logger.getLogger(IncomingMigration.class.getName());
  static final String SOCKET = "mig-in.sock";
  private static final long WAIT_FOR_STREAM_S = 600;
  private static final long POLL_MS = 200;

  private final Migration m;
  private final MigrationHooks hooks;
  private final ExecutorService blocking;
  private final ScheduledExecutorService timers;
  private final ByteArrayOutputStream serialLog = new ByteArrayOutputStream();
  private QemuMigration qemu;
  private ServerWebSocket ws;
  private IncomingStreamWriter writer;
  private ScheduledFuture<?> poll;
  private boolean receivedSent;
  private volatile boolean committed;

  IncomingMigration(
      Migration m,
      MigrationHooks hooks,
      ExecutorService blocking,
      ScheduledExecutorService timers) {
    this.m = m;
    this.hooks = hooks;
    this.blocking = blocking;
    this.timers = timers;
  }

  /** Blocking: QEMU started and listening; the migration is Waiting. */
  void prepare(VmSpec spec) throws Exception {
    m.control(this);
    try {
      var qmp = hooks.prepareIncoming(m.vmId, spec, m.sourceNode);
      qemu = new QemuMigration(qmp);
      qmp.watch(
          e -> {
            if ("completed".equals(QemuMigration.migrationEventStatus(e))) {
              // The event is QEMU's word: no query-migrate on the way to received (the pause).
              blocking.execute(this::completed);
            }
          });
      qemu.enableEvents();
      qemu.startIncoming("unix:" + hooks.dir(m.vmId).resolve(SOCKET));
    } catch (Exception e) {
      fail(MigrationState.Failed, "preparing the incoming QEMU failed: " + e.getMessage());
      throw e;
    }
    m.moveTo(MigrationState.Waiting, null);
    timers.schedule(
        () -> {
          if (m.state() == MigrationState.Waiting) {
            fail(MigrationState.Failed, "no migration stream within " + WAIT_FOR_STREAM_S + " s");
          }
        },
        WAIT_FOR_STREAM_S,
        TimeUnit.SECONDS);
  }

  /** The source connected (its ticket already checked and used up). */
  synchronized void attach(ServerWebSocket socket) {
    if (m.state() != MigrationState.Waiting || ws != null) {
      socket.close((short) 4409, "migration " + m.id + " is " + m.state());
      return;
    }
    ws = socket;
    try {
      writer =
          IncomingStreamWriter.open(
              hooks.dir(m.vmId).resolve(SOCKET),
              socket,
              why -> blocking.execute(() -> fail(MigrationState.Failed, why)));
    } catch (Exception e) {
      socket.close((short) 1011, "incoming QEMU not reachable");
      blocking.execute(
          () -> fail(MigrationState.Failed, "incoming QEMU not reachable: " + e.getMessage()));
      return;
    }
    socket.binaryMessageHandler(writer::accept);
    // In arrival order: the serial log frames must all be in before the commit is handled.
    socket.textMessageHandler(this::onControl);
    socket.closeHandler(
        v ->
            blocking.execute(
                () -> {
                  if (!committed) {
                    fail(MigrationState.Failed, "migration stream ended before commit");
                  }
                }));
    m.moveTo(MigrationState.Running, null);
    poll =
        timers.scheduleWithFixedDelay(
            () -> blocking.execute(this::sample), POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    if (m.state().finished() || committed) {
      return;
    }
    try {
      QemuMigration.Sample s = qemu.sample();
      m.progress(Progress.of(s.raw(), m.status().progress()));
      if ("completed".equals(s.status())) {
        sendReceivedOnce();
      } else if ("failed".equals(s.status()) || "cancelled".equals(s.status())) {
        fail(MigrationState.Failed, "incoming QEMU: migration " + s.status() + reason(s));
      }
    } catch (Exception e) {
      fail(MigrationState.Failed, "incoming QEMU: " + e.getMessage());
    }
  }

  private void completed() {
    if (!m.state().finished() && !committed) {
      sendReceivedOnce();
      sample(); // the final figures, after the frame
    }
  }

  private static String reason(QemuMigration.Sample s) {
    return s.error() == null ? "" : " (" + s.error() + ")";
  }

  private synchronized void sendReceivedOnce() {
    if (!receivedSent) {
      receivedSent = true;
      m.moveTo(MigrationState.Completing, null);
      ws.writeTextMessage(ControlFrames.of(ControlFrames.RECEIVED));
    }
  }

  /** On the event loop: cheap frames are handled here, the rest on the blocking executor. */
  private void onControl(String text) {
    ControlFrames.Frame f = ControlFrames.parse(text);
    switch (f.type()) {
      case ControlFrames.SERIAL_LOG -> {
        if (f.data() != null) {
          synchronized (serialLog) {
            serialLog.writeBytes(f.data());
          }
        }
      }
      case ControlFrames.COMMIT -> blocking.execute(this::commit);
      case ControlFrames.FAILED ->
          blocking.execute(
              () ->
                  fail(
                      MigrationState.Failed,
                      "source: " + (f.reason() == null ? "failed" : f.reason())));
      default -> LOG.warning("migration " + m.id + ": unknown control frame " + text);
    }
  }

  private void commit() {
    synchronized (this) {
      if (!receivedSent || m.state() != MigrationState.Completing) {
        ws.writeTextMessage(ControlFrames.failed("commit before the guest was received"));
        return;
      }
      committed = true;
    }
    try {
      synchronized (serialLog) {
        if (serialLog.size() > 0) {
          hooks.continueSerialLog(m.vmId, serialLog.toByteArray());
        }
      }
      hooks.commitIncoming(m.vmId, m.sourceNode);
    } catch (Exception e) {
      // Committed on disk or not, the guest does not run here: the source keeps it.
      LOG.warning("migration " + m.id + ": commit failed: " + e);
      committed = false;
      fail(MigrationState.Failed, "commit failed on the target: " + e.getMessage());
      return;
    }
    ws.writeTextMessage(ControlFrames.of(ControlFrames.RUNNING));
    m.moveTo(MigrationState.Succeeded, "running on " + m.targetNode);
    stopPolling();
    writer.close();
  }

  @Override
  public void cancel() {
    blocking.execute(() -> fail(MigrationState.Cancelled, "cancelled on the target"));
  }

  @Override
  public void setMaxBandwidth(long bytesPerSecond) {
    throw new ConflictException("the source sets the bandwidth of migration " + m.id);
  }

  @Override
  public void setAutoConverge(boolean on) {
    throw new ConflictException("the source sets auto-converge of migration " + m.id);
  }

  @Override
  public void setDowntimeLimit(long ms) {
    throw new ConflictException("the source sets the downtime limit of migration " + m.id);
  }

  /** Ends an uncommitted migration: the incoming QEMU and VM go; the source is told. */
  private void fail(MigrationState end, String why) {
    if (committed || !m.moveTo(end, why)) {
      return;
    }
    LOG.info("incoming migration " + m.id + " of " + m.vmId + " ended: " + why);
    stopPolling();
    ServerWebSocket socket;
    synchronized (this) {
      socket = ws;
    }
    if (socket != null && !socket.isClosed()) {
      socket.writeTextMessage(ControlFrames.failed(why));
      socket.close();
    }
    if (writer != null) {
      writer.close();
    }
    hooks.discardIncoming(m.vmId, why);
  }

  private synchronized void stopPolling() {
    if (poll != null) {
      poll.cancel(false);
    }
  }
}
