package io.vmconsole.nodeagent.vm;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.console.ConsoleSessions;
import io.vmconsole.nodeagent.console.SerialHub;
import io.vmconsole.nodeagent.qemu.QmpClient;
import io.vmconsole.nodeagent.qemu.args.VmFiles;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One VM on this agent and its live connections. Mutable; every change goes through the VM's
 * monitor ({@code synchronized (vm)}) in {@link VmSupervisor} and its helpers.
 */
final class Vm {
  final String id;
  final VmFiles files;
  final ConsoleSessions vncSessions;
  VmSpec defined;
  VmSpec running;
  VmState state = VmState.Stopped;
  String reason = Reasons.DEFINED;
  String since;
  Long pid;
  Integer sshPort;
  String accelerator;
  boolean coreFractionEnforced;
  // What the guest calls each device of the running QEMU (GuestDeviceNames), by disk id.
  Map<String, String> deviceNames = Map.of();
  QmpClient qmp;
  SerialHub serial;
  GuestAgent guestAgent;
  boolean guestAgentUp;
  GuestAgent.Info guestInfo;
  boolean hostStop;
  boolean panicked;
  JsonNode lastShutdown;

  /** Set before a stop whose reason the agent knows better than QEMU's events (migrations). */
  String exitReason;

  /** {@code incoming} (migration target, not committed), {@code committed}, or null. */
  String migration;

  /**
   * While this VM migrates away, nothing is sent to its guest agent: a request QEMU writes into the
   * guest's virtio-serial buffers after the last pass would not reach the target and go unanswered.
   * (It was suspected of the guest panics after a move; those came from TCG's dirty-page tracking,
   * see {@code migration.CopiesPaused}.)
   */
  volatile boolean migratingAway;

  /** Unplugs waiting for their DEVICE_DELETED, by device id. */
  final Map<String, CompletableFuture<Void>> unplugs = new ConcurrentHashMap<>();

  /** Completes when the current QEMU process has ended and its state is recorded. */
  CompletableFuture<Void> exited = CompletableFuture.completedFuture(null);

  Vm(String id, VmFiles files, VmSpec defined, Clock clock) {
    this.id = id;
    this.files = files;
    this.defined = defined;
    this.vncSessions = new ConsoleSessions(clock);
  }

  synchronized VmStatus status() {
    VmSpec spec = running != null ? running : defined;
    VmStatus.Guest guest =
        new VmStatus.Guest(
            guestAgentUp ? "up" : "down",
            guestInfo == null ? null : guestInfo.osName(),
            guestInfo == null ? null : guestInfo.osVersion(),
            guestInfo == null ? List.of() : guestInfo.addresses());
    return new VmStatus(
        id,
        spec.name(),
        spec.namespace(),
        state.name(),
        reason,
        since,
        state.active() ? pid : null,
        accelerator,
        spec,
        state.active() ? sshPort : null,
        coreFractionEnforced,
        state.active() ? deviceNames : null,
        guest,
        new VmStatus.Consoles(
            serial == null ? null : serial.sessions().holder().orElse(null),
            vncSessions.holder().orElse(null)));
  }
}
