package io.vmconsole.nodeagent.vm;

import io.vmconsole.nodeagent.qemu.ProcessInfo;
import io.vmconsole.nodeagent.qemu.QmpClient;
import io.vmconsole.nodeagent.qemu.args.VmFiles;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The VM-side steps of a live migration, for {@code io.vmconsole.nodeagent.migration}: the VM's
 * state changes stay in this package, next to the other lifecycle rules.
 */
public final class MigrationHooks {
  private final VmContext ctx;
  private final VmProcess process;
  private final Map<String, Vm> vms;
  private final Consumer<Vm> forceStop;

  MigrationHooks(VmContext ctx, VmProcess process, Map<String, Vm> vms, Consumer<Vm> forceStop) {
    this.ctx = ctx;
    this.process = process;
    this.vms = vms;
    this.forceStop = forceStop;
  }

  /**
   * A running VM about to be migrated away.
   *
   * @param accelerator what its QEMU runs on: {@code kvm} or {@code tcg}
   */
  public record Source(QmpClient qmp, Path dir, VmSpec running, String accelerator) {}

  public Source source(String vmId) {
    Vm vm = vm(vmId);
    synchronized (vm) {
      if (vm.state != VmState.Running || vm.qmp == null) {
        throw new ConflictException("VM " + vmId + " is " + vm.state + ", not Running");
      }
      return new Source(vm.qmp, vm.files.dir(), vm.running, vm.accelerator);
    }
  }

  /** The QEMU of a VM while it has one (source or incoming). */
  public QmpClient qmp(String vmId) {
    Vm vm = vm(vmId);
    synchronized (vm) {
      if (vm.qmp == null) {
        throw new ConflictException("VM " + vmId + " has no QEMU");
      }
      return vm.qmp;
    }
  }

  public Path dir(String vmId) {
    return ctx.vmsDir().resolve(vmId);
  }

  public Long pid(String vmId) {
    Vm vm = vms.get(vmId);
    if (vm == null) {
      return null;
    }
    synchronized (vm) {
      return vm.state.active() ? vm.pid : null;
    }
  }

  /**
   * Blocking: defines the VM from the source's running spec and starts its QEMU paused with {@code
   * -incoming defer}. A stopped VM of the same id (e.g. the copy left by an earlier move away) is
   * replaced; 409 while a QEMU of this id runs here.
   */
  public QmpClient prepareIncoming(String vmId, VmSpec spec, String sourceNode)
      throws IOException, InterruptedException {
    VmFiles files = new VmFiles(ctx.vmsDir().resolve(vmId));
    Vm vm =
        vms.compute(
            vmId,
            (id, old) -> {
              if (old != null) {
                synchronized (old) {
                  if (old.state.active()
                      || (old.pid != null && ProcessInfo.alive(old.pid, files.dir().toString()))) {
                    throw new ConflictException("a QEMU of VM " + vmId + " runs on this agent");
                  }
                }
              }
              Vm fresh = new Vm(id, files, spec, ctx.clock());
              fresh.state = VmState.Starting;
              return fresh;
            });
    synchronized (vm) {
      Files.createDirectories(files.dir());
      VmStore.write(files.spec(), spec);
      ctx.transition(vm, VmState.Starting, "incoming migration from " + sourceNode);
    }
    try {
      return process.launchIncoming(vm, spec, sourceNode);
    } catch (IOException | RuntimeException | InterruptedException e) {
      synchronized (vm) {
        VmProcess.closeConnections(vm);
        ctx.transition(vm, VmState.Stopped, "incoming migration failed: " + e.getMessage());
      }
      forget(vm);
      throw e;
    }
  }

  /** Blocking: records the commit, then resumes the guest here. */
  public void commitIncoming(String vmId, String sourceNode) throws Exception {
    process.resumeIncoming(vm(vmId), sourceNode);
  }

  /** Output the guest printed on the source, placed before this QEMU's output. */
  public void continueSerialLog(String vmId, byte[] earlier) {
    Vm vm = vm(vmId);
    synchronized (vm) {
      if (vm.serial != null) {
        vm.serial.continueFrom(earlier);
      }
    }
  }

  public byte[] serialLog(String vmId) {
    Vm vm = vm(vmId);
    synchronized (vm) {
      return vm.serial == null ? new byte[0] : vm.serial.log();
    }
  }

  /**
   * An incoming VM that was not committed: its QEMU is ended and the VM forgotten (the source owns
   * the guest). A committed VM is left alone.
   */
  public CompletableFuture<Void> discardIncoming(String vmId, String why) {
    Vm vm = vms.get(vmId);
    if (vm == null) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> exited;
    synchronized (vm) {
      if (!"incoming".equals(vm.migration)) {
        return CompletableFuture.completedFuture(null);
      }
      if (vm.state.active()) {
        vm.hostStop = true;
        vm.exitReason = "incoming migration discarded: " + why;
        Long pid = vm.pid;
        // Killed, not quit: nothing in it is worth an orderly end, and QEMU may be busy loading.
        if (pid != null) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
      exited = vm.exited;
    }
    return exited.thenRunAsync(() -> forget(vm), ctx.blocking());
  }

  private void forget(Vm vm) {
    if (vms.remove(vm.id, vm)) {
      ctx.cgroup().removeSoon(vm.id, ctx.timers());
      VmDirs.deleteTree(vm.files.dir());
      ctx.events().append(vm.id, "deleted", Map.of());
    }
  }

  /**
   * Source side: from the start of an outgoing migration until it ends here (failed, cancelled) the
   * agent sends nothing to the guest agent (see {@link Vm#migratingAway}).
   */
  public void migratingAway(String vmId, boolean away) {
    Vm vm = vms.get(vmId);
    if (vm != null) {
      vm.migratingAway = away;
    }
  }

  /**
   * The target runs the guest: this QEMU (paused since the migration completed) is quit and the VM
   * stays here Stopped, with the reason, until it is deleted.
   */
  public void migratedAway(String vmId, String targetNode) {
    Vm vm = vm(vmId);
    synchronized (vm) {
      vm.hostStop = true;
      vm.exitReason = "migrated to " + targetNode;
      forceStop.accept(vm);
    }
  }

  private Vm vm(String vmId) {
    Vm vm = vms.get(vmId);
    if (vm == null) {
      throw new NotFoundException("no VM " + vmId + " on this agent");
    }
    return vm;
  }
}
