package io.vmconsole.nodeagent.vm;

import io.vmconsole.nodeagent.console.SerialHub;
import io.vmconsole.nodeagent.qemu.ProcessInfo;
import io.vmconsole.nodeagent.qemu.QmpClient;
import io.vmconsole.nodeagent.qemu.args.VmFiles;
import io.vmconsole.nodeagent.spec.GuestDeviceNames;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * At agent start: every VM dir becomes a VM again. A live QEMU (its pid alive and its command line
 * naming the VM dir, so a reused pid is not mistaken for it) is reconnected through its QMP and
 * serial sockets and reported Running; a dead one is reported with a reason.
 */
final class Adoption {
  private static final Logger LOG = Logger.getLogger(Adoption.class.getName());
  private final VmContext ctx;
  private final VmProcess process;
  private final GuestAgentMonitor guestAgents;

  Adoption(VmContext ctx, VmProcess process, GuestAgentMonitor guestAgents) {
    this.ctx = ctx;
    this.process = process;
    this.guestAgents = guestAgents;
  }

  List<Vm> adoptAll() throws IOException {
    List<Vm> vms = new ArrayList<>();
    if (!Files.isDirectory(ctx.vmsDir())) {
      return vms;
    }
    try (Stream<Path> dirs = Files.list(ctx.vmsDir())) {
      for (Path dir : dirs.sorted().toList()) {
        VmFiles files = new VmFiles(dir);
        if (uncommittedIncoming(files)) {
          continue;
        }
        VmStore.read(files.spec(), VmSpec.class)
            .ifPresent(spec -> vms.add(adopt(dir.getFileName().toString(), files, spec)));
      }
    }
    return vms;
  }

  /**
   * A migration target that was never committed does not own its guest: the source resumed it (or
   * will), so this copy must not run. Its QEMU is killed and the VM forgotten.
   */
  private static boolean uncommittedIncoming(VmFiles files) throws IOException {
    VmStore.Runtime rt = VmStore.read(files.runtime(), VmStore.Runtime.class).orElse(null);
    if (rt == null || !"incoming".equals(rt.migration())) {
      return false;
    }
    if (ProcessInfo.alive(rt.pid(), files.dir().toString())) {
      LOG.warning(
          "destroying uncommitted incoming migration QEMU "
              + rt.pid()
              + " of "
              + files.dir().getFileName());
      ProcessHandle.of(rt.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
    VmDirs.deleteTree(files.dir());
    return true;
  }

  /**
   * A source agent that died while copying a guest it had paused (TCG, see {@code
   * migration.CopiesPaused}) left it paused, and QEMU failed that migration when the stream broke:
   * only a completed one ends in {@code postmigrate}, which stays as it is (the target may run the
   * guest). Nothing else pauses guests, so a {@code paused} one with no migration under way runs
   * again; a committed migration target that died before its {@code cont} too.
   */
  private static void resumeIfLeftPaused(String id, QmpClient qmp) {
    try {
      String run =
          qmp.execute("query-status", null).get(10, TimeUnit.SECONDS).path("status").asText();
      String migration =
          qmp.execute("query-migrate", null)
              .get(10, TimeUnit.SECONDS)
              .path("status")
              .asText("none");
      if ("paused".equals(run) && List.of("none", "failed", "cancelled").contains(migration)) {
        qmp.execute("cont", null).get(10, TimeUnit.SECONDS);
        LOG.info("VM " + id + " was left paused by an unfinished migration: resumed");
      }
    } catch (Exception e) {
      LOG.warning("VM " + id + ": cannot check whether it was left paused: " + e);
    }
  }

  private Vm adopt(String id, VmFiles files, VmSpec spec) {
    Vm vm = new Vm(id, files, spec, ctx.clock());
    VmStore.Runtime rt = VmStore.read(files.runtime(), VmStore.Runtime.class).orElse(null);
    if (rt != null && ProcessInfo.alive(rt.pid(), files.dir().toString())) {
      try {
        QmpClient qmp = QmpClient.connect(files.qmp(), id);
        SerialHub serial =
            SerialHub.connect(files.serial(), files.serialLog(), false, ctx.clock(), id);
        synchronized (vm) {
          vm.pid = rt.pid();
          vm.sshPort = rt.sshPort();
          vm.accelerator = rt.accelerator();
          vm.coreFractionEnforced = ctx.cgroup().contains(id, rt.pid());
          vm.running = rt.spec();
          // Written by agents since the names were reported; an older runtime file gets the boot
          // order, which is right unless devices were plugged while it ran.
          vm.deviceNames =
              rt.deviceNames() != null
                  ? rt.deviceNames()
                  : GuestDeviceNames.atBoot(rt.spec().disks());
          vm.migration = rt.migration();
          vm.serial = serial;
          vm.exited = new java.util.concurrent.CompletableFuture<>();
          process.attach(vm, qmp);
          ctx.transition(vm, VmState.Running, Reasons.READOPTED);
        }
        resumeIfLeftPaused(id, qmp);
        guestAgents.watch(vm);
        LOG.info("re-adopted VM " + id + " (QEMU pid " + rt.pid() + ")");
        return vm;
      } catch (IOException e) {
        LOG.warning("VM " + id + ": QEMU " + rt.pid() + " alive but not reachable: " + e);
        synchronized (vm) {
          vm.pid = rt.pid();
          ctx.transition(vm, VmState.Crashed, "QEMU alive but its QMP socket does not answer");
        }
        return vm;
      }
    }
    synchronized (vm) {
      if (rt != null) {
        VmStore.delete(files.runtime());
        ctx.cgroup().removeSoon(id, ctx.timers());
        ctx.transition(vm, VmState.Stopped, Reasons.GONE_WHILE_AGENT_DOWN);
        VmStore.write(
            files.dir().resolve("exit.json"),
            new VmStore.Exit(vm.state.name(), vm.reason, vm.since));
      } else {
        VmStore.Exit exit =
            VmStore.read(files.dir().resolve("exit.json"), VmStore.Exit.class)
                .orElse(new VmStore.Exit(VmState.Stopped.name(), Reasons.DEFINED, ctx.now()));
        vm.state = VmState.valueOf(exit.state());
        vm.reason = exit.reason();
        vm.since = exit.since();
        ctx.events().append(id, "state", Map.of("state", vm.state.name(), "reason", vm.reason));
      }
    }
    return vm;
  }
}
