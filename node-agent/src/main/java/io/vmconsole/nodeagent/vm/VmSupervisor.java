package io.vmconsole.nodeagent.vm;

import io.vmconsole.nodeagent.console.SerialHub;
import io.vmconsole.nodeagent.events.EventLog;
import io.vmconsole.nodeagent.qemu.CpuCgroup;
import io.vmconsole.nodeagent.qemu.ProcessInfo;
import io.vmconsole.nodeagent.qemu.args.VmFiles;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The VMs of this agent: state per VM, operations checked against it under the VM's monitor, the
 * slow parts (process start, QMP round trips) on the blocking executor.
 */
public final class VmSupervisor implements VmManager, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(VmSupervisor.class.getName());
  private static final Duration FORCE_GRACE = Duration.ofSeconds(5);

  private final VmContext ctx;
  private final VmProcess process;
  private final GuestAgentMonitor guestAgents;
  private final HotplugService hotplug;
  private final Map<String, Vm> vms = new ConcurrentHashMap<>();

  private VmSupervisor(VmContext ctx) {
    this.ctx = ctx;
    this.guestAgents = new GuestAgentMonitor(ctx);
    this.process = new VmProcess(ctx, guestAgents);
    this.hotplug = new HotplugService(ctx);
  }

  /** Opens the state dir and re-adopts the VMs found there. */
  public static VmSupervisor open(
      Path stateDir, String qemuBinary, String accelerator, CpuCgroup cgroup, EventLog events) {
    VmContext ctx =
        VmContext.create(stateDir.resolve("vms"), qemuBinary, accelerator, cgroup, events);
    VmSupervisor s = new VmSupervisor(ctx);
    try {
      Files.createDirectories(ctx.vmsDir());
      for (Vm vm : new Adoption(ctx, s.process, s.guestAgents).adoptAll()) {
        s.vms.put(vm.id, vm);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ctx.vmsDir(), e);
    }
    return s;
  }

  /** What the migration feature may do with this agent's VMs. */
  public MigrationHooks migrationHooks() {
    return new MigrationHooks(ctx, process, vms, this::forceStopNow);
  }

  private void forceStopNow(Vm vm) {
    forceStop(vm, vm.exited);
  }

  @Override
  public VmStatus define(String vmId, VmSpec spec) {
    Vm vm =
        vms.computeIfAbsent(
            vmId, id -> new Vm(id, new VmFiles(ctx.vmsDir().resolve(id)), spec, ctx.clock()));
    synchronized (vm) {
      try {
        Files.createDirectories(vm.files.dir());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      vm.defined = spec;
      VmStore.write(vm.files.spec(), spec);
      if (vm.since == null) {
        ctx.transition(vm, VmState.Stopped, Reasons.DEFINED);
      }
    }
    return vm.status();
  }

  @Override
  public CompletableFuture<VmStatus> start(String vmId) {
    Vm vm = vm(vmId);
    VmSpec spec;
    synchronized (vm) {
      // One QEMU per VM: refused while one runs, also one this agent lost track of.
      if (vm.state.active() || (vm.pid != null && ProcessInfo.alive(vm.pid, vmDirMarker(vm)))) {
        throw new ConflictException("VM " + vmId + " is " + vm.state + "; stop it first");
      }
      spec = vm.defined;
      vm.pid = null;
      ctx.transition(vm, VmState.Starting, "start requested");
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            process.launch(vm, spec);
          } catch (IOException | RuntimeException e) {
            failStart(vm, e.getMessage());
            throw new StartFailedException(e.getMessage(), e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failStart(vm, "interrupted");
            throw new StartFailedException("interrupted", e);
          }
          return vm.status();
        },
        ctx.blocking());
  }

  private void failStart(Vm vm, String why) {
    synchronized (vm) {
      VmProcess.closeConnections(vm);
      ctx.transition(vm, VmState.Stopped, "failed to start: " + why);
    }
  }

  @Override
  public VmStatus stop(String vmId, boolean graceful, Duration timeout) {
    Vm vm = vm(vmId);
    synchronized (vm) {
      if (vm.state != VmState.Running && vm.state != VmState.Stopping) {
        throw new ConflictException("VM " + vmId + " is " + vm.state);
      }
      vm.hostStop = true;
      if (vm.state == VmState.Running) {
        ctx.transition(vm, VmState.Stopping, graceful ? "ACPI power button" : "forced stop");
      }
      // Bound to this run: a timer must never quit a later run of the same VM.
      CompletableFuture<Void> run = vm.exited;
      if (graceful) {
        vm.qmp.execute("system_powerdown", null);
        ctx.timers().schedule(() -> forceStop(vm, run), timeout.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        forceStop(vm, run);
      }
    }
    return vm.status();
  }

  /** QMP quit, and SIGKILL if QEMU is still there after a grace period. */
  private void forceStop(Vm vm, CompletableFuture<Void> run) {
    Long pid;
    synchronized (vm) {
      if (run.isDone() || run != vm.exited) {
        return;
      }
      pid = vm.pid;
      if (vm.qmp != null) {
        vm.qmp.execute("quit", null);
      }
    }
    ctx.timers()
        .schedule(
            () -> {
              if (!run.isDone() && pid != null) {
                LOG.warning("VM " + vm.id + " ignored quit: SIGKILL to " + pid);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
              }
            },
            FORCE_GRACE.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletableFuture<VmStatus> reset(String vmId) {
    Vm vm = vm(vmId);
    synchronized (vm) {
      if (vm.state != VmState.Running) {
        throw new ConflictException("VM " + vmId + " is " + vm.state);
      }
      return vm.qmp.execute("system_reset", null).thenApply(r -> vm.status());
    }
  }

  @Override
  public CompletableFuture<Void> delete(String vmId) {
    Vm vm = vm(vmId);
    CompletableFuture<Void> exited;
    synchronized (vm) {
      if (vm.state == VmState.Starting) {
        throw new ConflictException("VM " + vmId + " is starting; delete it once it runs");
      }
      if (vm.state.active()) {
        vm.hostStop = true;
        forceStop(vm, vm.exited);
      }
      exited = vm.exited;
    }
    return exited.thenRunAsync(
        () -> {
          vms.remove(vmId, vm);
          ctx.cgroup().removeSoon(vmId, ctx.timers());
          VmDirs.deleteTree(vm.files.dir());
          ctx.events().append(vmId, "deleted", Map.of());
        },
        ctx.blocking());
  }

  @Override
  public List<VmStatus> list() {
    return vms.values().stream()
        .map(Vm::status)
        .sorted(Comparator.comparing(VmStatus::vmId))
        .toList();
  }

  @Override
  public VmStatus get(String vmId) {
    return vm(vmId).status();
  }

  @Override
  public VmStatus setCoreFraction(String vmId, int fraction) {
    Vm vm = vm(vmId);
    synchronized (vm) {
      vm.defined = withFraction(vm.defined, fraction);
      VmStore.write(vm.files.spec(), vm.defined);
      if (vm.state.active() && vm.running != null) {
        vm.running = withFraction(vm.running, fraction);
        vm.coreFractionEnforced = ctx.cgroup().setFraction(vmId, vm.running.cores(), fraction);
        VmStore.write(vm.files.runtime(), VmProcess.runtimeOf(vm));
      }
      ctx.events()
          .append(
              vmId,
              "coreFraction",
              Map.of("coreFraction", fraction, "enforced", vm.coreFractionEnforced));
    }
    return vm.status();
  }

  private static VmSpec withFraction(VmSpec s, int fraction) {
    return new VmSpec(
        s.name(),
        s.namespace(),
        s.cores(),
        fraction,
        s.memoryBytes(),
        s.disks(),
        s.provisioning(),
        s.nic(),
        s.ssh());
  }

  @Override
  public CompletableFuture<VmStatus> attachDisk(String vmId, VmSpec.Disk disk) {
    Vm vm = vm(vmId);
    return blocking(
        () -> {
          hotplug.attach(vm, disk);
          return vm.status();
        });
  }

  @Override
  public CompletableFuture<VmStatus> detachDisk(String vmId, String diskId) {
    Vm vm = vm(vmId);
    return blocking(
        () -> {
          hotplug.detach(vm, diskId);
          return vm.status();
        });
  }

  @Override
  public SerialHub serial(String vmId) {
    Vm vm = vm(vmId);
    synchronized (vm) {
      if (vm.serial == null) {
        throw new ConflictException("VM " + vmId + " is not running");
      }
      return vm.serial;
    }
  }

  @Override
  public byte[] serialLog(String vmId) {
    Vm vm = vm(vmId);
    synchronized (vm) {
      if (vm.serial != null) {
        return vm.serial.log();
      }
    }
    try {
      return Files.exists(vm.files.serialLog())
          ? Files.readAllBytes(vm.files.serialLog())
          : new byte[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public VncTarget vnc(String vmId) {
    Vm vm = vm(vmId);
    synchronized (vm) {
      if (!vm.state.active() || vm.qmp == null) {
        throw new ConflictException("VM " + vmId + " is not running");
      }
      return new VncTarget(vm.files.vnc(), vm.vncSessions);
    }
  }

  private Vm vm(String vmId) {
    Vm vm = vms.get(vmId);
    if (vm == null) {
      throw new NotFoundException("no VM " + vmId + " on this agent");
    }
    return vm;
  }

  private static String vmDirMarker(Vm vm) {
    return vm.files.dir().toString();
  }

  private interface Blocking<T> {
    T run() throws Exception;
  }

  private <T> CompletableFuture<T> blocking(Blocking<T> work) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return work.run();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        },
        ctx.blocking());
  }

  /** Leaves every QEMU running (they outlive the agent); only the connections end. */
  @Override
  public void close() {
    for (Vm vm : vms.values()) {
      synchronized (vm) {
        if (vm.qmp != null) {
          vm.qmp.close();
        }
        if (vm.serial != null) {
          vm.serial.close();
        }
        if (vm.guestAgent != null) {
          vm.guestAgent.close();
        }
      }
    }
    ctx.timers().shutdownNow();
    ctx.blocking().shutdownNow();
  }

  /** QEMU could not be started; the VM is back to Stopped with the reason. */
  public static final class StartFailedException extends RuntimeException {
    StartFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
