package io.vmconsole.nodeagent.vm;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.console.SerialHub;
import io.vmconsole.nodeagent.qemu.ProcessInfo;
import io.vmconsole.nodeagent.qemu.QemuLauncher;
import io.vmconsole.nodeagent.qemu.QmpClient;
import io.vmconsole.nodeagent.qemu.SeedImage;
import io.vmconsole.nodeagent.qemu.args.BootOrder;
import io.vmconsole.nodeagent.qemu.args.LaunchPlan;
import io.vmconsole.nodeagent.qemu.args.QemuCommand;
import io.vmconsole.nodeagent.spec.GuestDeviceNames;
import io.vmconsole.nodeagent.spec.NetworkPlan;
import io.vmconsole.nodeagent.spec.ScsiIds;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Brings a QEMU process up (seed, ports, cgroup, launch, QMP, serial, {@code cont}) and notices its
 * end (QMP socket closed → wait for the pid to vanish → classify the reason).
 */
final class VmProcess {
  private static final Logger LOG = Logger.getLogger(VmProcess.class.getName());
  private final VmContext ctx;
  private final GuestAgentMonitor guestAgents;

  VmProcess(VmContext ctx, GuestAgentMonitor guestAgents) {
    this.ctx = ctx;
    this.guestAgents = guestAgents;
  }

  /** Blocking; called with the VM in Starting. */
  void launch(Vm vm, VmSpec spec) throws IOException, InterruptedException {
    QmpClient qmp = startPaused(vm, ScsiIds.resolve(spec), List.of(), null);
    long pid = vm.pid;
    try {
      // Released only now that the serial line is held: the log starts at the first byte.
      qmp.execute("cont", null).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      throw new IOException("QEMU did not resume: " + e, e);
    }
    synchronized (vm) {
      VmStore.write(vm.files.runtime(), runtimeOf(vm));
      VmStore.delete(vm.files.dir().resolve("exit.json"));
      ctx.transition(vm, VmState.Running, Reasons.STARTED);
    }
    guestAgents.watch(vm);
  }

  /**
   * Blocking: a migration target's QEMU, paused with {@code -incoming defer}; the caller sends
   * {@code migrate-incoming}. Recorded as an uncommitted incoming VM, which a restarted agent
   * destroys.
   */
  QmpClient launchIncoming(Vm vm, VmSpec spec, String sourceNode)
      throws IOException, InterruptedException {
    QmpClient qmp =
        startPaused(vm, ScsiIds.resolve(spec), List.of("-incoming", "defer"), "incoming");
    synchronized (vm) {
      VmStore.write(vm.files.runtime(), runtimeOf(vm));
      VmStore.delete(vm.files.dir().resolve("exit.json"));
      ctx.transition(vm, VmState.Incoming, "incoming migration from " + sourceNode);
    }
    return qmp;
  }

  /**
   * Blocking: the migration is committed to this agent: recorded first (a restart now keeps the
   * VM), then the guest runs here.
   */
  void resumeIncoming(Vm vm, String sourceNode) throws Exception {
    QmpClient qmp;
    synchronized (vm) {
      if (vm.state != VmState.Incoming || vm.qmp == null) {
        throw new ConflictException("VM " + vm.id + " is " + vm.state + ", not Incoming");
      }
      qmp = vm.qmp;
      vm.migration = "committed";
      VmStore.write(vm.files.runtime(), runtimeOf(vm));
    }
    qmp.execute("cont", null).get(30, TimeUnit.SECONDS);
    synchronized (vm) {
      ctx.transition(vm, VmState.Running, "migrated from " + sourceNode);
      VmStore.write(vm.files.runtime(), runtimeOf(vm));
    }
    guestAgents.watch(vm);
  }

  /** QEMU started paused with the connections held; the VM's fields describe the new process. */
  private QmpClient startPaused(Vm vm, VmSpec spec, List<String> extraArgs, String migration)
      throws IOException, InterruptedException {
    Files.createDirectories(vm.files.dir());
    for (var f : List.of(vm.files.qmp(), vm.files.serial(), vm.files.vnc(), vm.files.qga())) {
      Files.deleteIfExists(f);
    }
    NetworkPlan net = NetworkPlan.of(spec.nic(), vm.id);
    SeedImage.build(vm.files.seedDir(), vm.files.seedImage(), SeedImage.files(vm.id, spec, net));
    Integer sshPort = spec.ssh() != null && spec.ssh().forward() ? freeLoopbackPort() : null;
    List<String> bootOrder = BootOrder.of(spec.disks(), d -> BootSector.present(d, vm.files.dir()));
    LaunchPlan plan =
        new LaunchPlan(vm.id, spec, net, vm.files, ctx.accelerator(), sshPort, true, bootOrder);
    Optional<java.nio.file.Path> procs =
        ctx.cgroup().prepare(vm.id, spec.cores(), spec.coreFraction());
    long pid =
        QemuLauncher.launch(
            QemuCommand.build(ctx.qemuBinary(), plan, extraArgs),
            procs,
            vm.files.pidFile(),
            vm.files.qemuLog());
    // A daemonizing QEMU sets its own umask (027) before it binds its sockets: make them, and
    // anything
    // else it made there, its owner's alone, as the rest of the state directory is.
    OwnerOnlyFiles.restrictTree(vm.files.dir());
    QmpClient qmp;
    SerialHub serial;
    try {
      qmp = QmpClient.connect(vm.files.qmp(), vm.id);
      serial = SerialHub.connect(vm.files.serial(), vm.files.serialLog(), true, ctx.clock(), vm.id);
    } catch (IOException e) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      throw e;
    }
    synchronized (vm) {
      vm.pid = pid;
      vm.sshPort = sshPort;
      vm.accelerator = ctx.accelerator();
      vm.coreFractionEnforced = procs.isPresent();
      vm.running = spec;
      vm.deviceNames = GuestDeviceNames.atBoot(spec.disks());
      vm.hostStop = false;
      vm.panicked = false;
      vm.lastShutdown = null;
      vm.guestAgentUp = false;
      vm.guestInfo = null;
      vm.serial = serial;
      vm.exited = new CompletableFuture<>();
      vm.exitReason = null;
      vm.migration = migration;
      attach(vm, qmp);
    }
    return qmp;
  }

  static VmStore.Runtime runtimeOf(Vm vm) {
    return new VmStore.Runtime(
        vm.pid,
        vm.sshPort,
        vm.accelerator,
        vm.coreFractionEnforced,
        vm.running,
        vm.since,
        vm.migration,
        vm.deviceNames);
  }

  /** Wires QMP events and the end of the connection to the VM (fresh start and re-adoption). */
  void attach(Vm vm, QmpClient qmp) {
    vm.qmp = qmp;
    qmp.onEvent(e -> onEvent(vm, e));
    qmp.onClose(() -> ctx.blocking().execute(() -> awaitExit(vm, System.nanoTime())));
  }

  private void onEvent(Vm vm, JsonNode e) {
    String name = e.path("event").asText();
    switch (name) {
      case "SHUTDOWN" -> {
        synchronized (vm) {
          vm.lastShutdown = e;
        }
      }
      case "GUEST_PANICKED" -> {
        synchronized (vm) {
          vm.panicked = true;
        }
        // Depending on QEMU's panic action the VM may sit paused: end it so the state is final.
        vm.qmp.execute("quit", null);
      }
      case "DEVICE_DELETED" -> {
        CompletableFuture<Void> f = vm.unplugs.remove(e.path("data").path("device").asText());
        if (f != null) {
          f.complete(null);
        }
      }
      case "RESET" ->
          ctx.events()
              .append(vm.id, "reset", Map.of("guest", e.path("data").path("guest").asBoolean()));
      default -> {}
    }
  }

  /** After QMP closed: QEMU is exiting; once its pid is gone the end is recorded. */
  private void awaitExit(Vm vm, long since) {
    Long pid;
    synchronized (vm) {
      pid = vm.pid;
    }
    if (pid != null && ProcessInfo.alive(pid, vm.files.dir().toString())) {
      if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(10)) {
        LOG.warning("QEMU " + pid + " of " + vm.id + " closed QMP but lives on: killing it");
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      ctx.timers()
          .schedule(
              () -> ctx.blocking().execute(() -> awaitExit(vm, since)), 50, TimeUnit.MILLISECONDS);
      return;
    }
    recordExit(vm);
  }

  private void recordExit(Vm vm) {
    CompletableFuture<Void> exited;
    synchronized (vm) {
      String reason =
          vm.exitReason != null
              ? vm.exitReason
              : Reasons.ofExit(vm.hostStop, vm.lastShutdown, vm.panicked);
      vm.exitReason = null;
      closeConnections(vm);
      VmStore.delete(vm.files.runtime());
      ctx.cgroup().removeSoon(vm.id, ctx.timers());
      vm.running = null;
      ctx.transition(vm, Reasons.stateOf(reason), reason);
      VmStore.write(
          vm.files.dir().resolve("exit.json"),
          new VmStore.Exit(vm.state.name(), vm.reason, vm.since));
      exited = vm.exited;
    }
    vm.unplugs.values().forEach(f -> f.completeExceptionally(new IOException("VM stopped")));
    vm.unplugs.clear();
    exited.complete(null);
  }

  static void closeConnections(Vm vm) {
    if (vm.qmp != null) {
      vm.qmp.close();
      vm.qmp = null;
    }
    if (vm.serial != null) {
      vm.serial.close();
      vm.serial = null;
    }
    if (vm.guestAgent != null) {
      vm.guestAgent.close();
      vm.guestAgent = null;
    }
    vm.guestAgentUp = false;
  }

  /** The kernel picks a free port; the tiny window before QEMU binds it is accepted. */
  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
