package io.vmconsole.nodeagent.vm;

import io.vmconsole.nodeagent.qemu.QmpClient;
import io.vmconsole.nodeagent.qemu.args.DiskConfigurator;
import io.vmconsole.nodeagent.spec.GuestDeviceNames;
import io.vmconsole.nodeagent.spec.ScsiIds;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Disks on a running VM: {@code blockdev-add} ×2 + {@code device_add scsi-hd} to attach; {@code
 * device_del}, then the real DEVICE_DELETED, then {@code blockdev-del} ×2 to detach (STACK.md). The
 * running spec follows, so a re-adopting agent and a migration target know the disks.
 */
final class HotplugService {
  private static final long QMP_TIMEOUT_S = 30;
  private final VmContext ctx;

  HotplugService(VmContext ctx) {
    this.ctx = ctx;
  }

  /** Blocking. */
  void attach(Vm vm, VmSpec.Disk disk) throws Exception {
    QmpClient qmp;
    synchronized (vm) {
      qmp = runningQmp(vm);
      for (VmSpec.Disk d : vm.running.disks()) {
        if (d.id().equals(disk.id()) || d.nodeName().equals(disk.nodeName())) {
          throw new ConflictException("disk " + disk.id() + " is already attached");
        }
      }
      disk = disk.withScsiId(ScsiIds.next(vm.running.disks()));
    }
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("driver", "file");
    file.put("filename", disk.path());
    file.put("node-name", disk.fileNode());
    file.put("read-only", disk.readOnly());
    run(qmp, "blockdev-add", file);
    try {
      Map<String, Object> fmt = new LinkedHashMap<>();
      fmt.put("driver", disk.format());
      fmt.put("file", disk.fileNode());
      fmt.put("node-name", disk.nodeName());
      fmt.put("read-only", disk.readOnly());
      run(qmp, "blockdev-add", fmt);
      try {
        run(
            qmp,
            "device_add",
            Map.of(
                "driver",
                disk.cdrom() ? "scsi-cd" : "scsi-hd",
                "drive",
                disk.nodeName(),
                "id",
                disk.deviceId(),
                "bus",
                DiskConfigurator.CONTROLLER + ".0",
                "scsi-id",
                disk.scsiId()));
      } catch (Exception e) {
        qmp.execute("blockdev-del", Map.of("node-name", disk.nodeName()));
        throw e;
      }
    } catch (Exception e) {
      qmp.execute("blockdev-del", Map.of("node-name", disk.fileNode()));
      throw e;
    }
    synchronized (vm) {
      List<VmSpec.Disk> disks = new ArrayList<>(vm.running.disks());
      disks.add(disk);
      vm.running = withDisks(vm.running, disks);
      vm.deviceNames = GuestDeviceNames.plugged(vm.deviceNames, disk);
      VmStore.write(vm.files.runtime(), VmProcess.runtimeOf(vm));
      ctx.events()
          .append(
              vm.id,
              "disk",
              Map.of("action", "attached", "diskId", disk.id(), "nodeName", disk.nodeName()));
    }
  }

  /** Blocking; returns once QEMU reported the device gone and the block nodes are deleted. */
  void detach(Vm vm, String diskId) throws Exception {
    QmpClient qmp;
    VmSpec.Disk disk;
    CompletableFuture<Void> deleted = new CompletableFuture<>();
    synchronized (vm) {
      qmp = runningQmp(vm);
      disk =
          vm.running.disks().stream()
              .filter(d -> d.id().equals(diskId))
              .findFirst()
              .orElseThrow(() -> new NotFoundException("no disk " + diskId + " attached"));
      if (vm.unplugs.putIfAbsent(disk.deviceId(), deleted) != null) {
        throw new ConflictException("disk " + diskId + " is already being detached");
      }
    }
    try {
      run(qmp, "device_del", Map.of("id", disk.deviceId()));
      // The guest has to release the device; QEMU confirms with DEVICE_DELETED carrying the id.
      deleted.get(QMP_TIMEOUT_S, TimeUnit.SECONDS);
    } finally {
      vm.unplugs.remove(disk.deviceId(), deleted);
    }
    run(qmp, "blockdev-del", Map.of("node-name", disk.nodeName()));
    run(qmp, "blockdev-del", Map.of("node-name", disk.fileNode()));
    synchronized (vm) {
      List<VmSpec.Disk> disks = new ArrayList<>(vm.running.disks());
      disks.removeIf(d -> d.id().equals(diskId));
      vm.running = withDisks(vm.running, disks);
      vm.deviceNames = GuestDeviceNames.unplugged(vm.deviceNames, diskId);
      VmStore.write(vm.files.runtime(), VmProcess.runtimeOf(vm));
      ctx.events().append(vm.id, "disk", Map.of("action", "detached", "diskId", diskId));
    }
  }

  private static QmpClient runningQmp(Vm vm) {
    if (vm.state != VmState.Running || vm.qmp == null) {
      throw new ConflictException("VM " + vm.id + " is not running (" + vm.state + ")");
    }
    return vm.qmp;
  }

  private static void run(QmpClient qmp, String cmd, Map<String, ?> args) throws Exception {
    try {
      qmp.execute(cmd, args).get(QMP_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof QmpClient.QmpException q) {
        throw new ConflictException(cmd + " refused by QEMU: " + q.getMessage());
      }
      throw e;
    }
  }

  static VmSpec withDisks(VmSpec s, List<VmSpec.Disk> disks) {
    return new VmSpec(
        s.name(),
        s.namespace(),
        s.cores(),
        s.coreFraction(),
        s.memoryBytes(),
        disks,
        s.provisioning(),
        s.nic(),
        s.ssh());
  }
}
