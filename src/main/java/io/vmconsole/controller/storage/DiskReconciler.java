package io.vmconsole.controller.storage;

import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.DiskCreateRequest;
import io.vmconsole.agent.PoolFile;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.disk.ImageObject;
import io.vmconsole.api.disk.StorageClasses;
import io.vmconsole.api.disk.VirtualDiskStatus;
import io.vmconsole.cluster.Kind;
import io.vmconsole.controller.runtime.ConditionsBuilder;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.controller.runtime.ObjectKeys;
import io.vmconsole.controller.runtime.OwnedObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * VirtualDisks, minimal (issue 4 §2): blank of a size, or an overlay on a ready VirtualImage or
 * ClusterVirtualImage, made in the shared pool through any agent. Pending → Provisioning → Ready. A
 * finalizer deletes the disk's file when the object goes, and holds a disk that a running VM has
 * attached in Terminating until no running VM has it: the guest keeps its data while it runs.
 */
public final class DiskReconciler {
  static final String FINALIZER = "vmconsole.io/disk-controller";
  private static final long MIB = 1024 * 1024;
  private final ControllerContext ctx;
  private final OwnedObject<DiskObject> disks;

  /** The keys ("ns/name") of the VMs whose spec names a disk, by the disk's key. */
  private final Function<String, Set<String>> specUsers;

  public DiskReconciler(ControllerContext ctx, Function<String, Set<String>> specUsers) {
    this.ctx = ctx;
    this.disks = new OwnedObject<>(ctx.access(Kind.VIRTUAL_DISK), FINALIZER, DiskObject::of);
    this.specUsers = specUsers;
  }

  public Duration reconcile(String namespace, String name) {
    return disks.reconcile(namespace, name, this::release, this::provision);
  }

  private Duration provision(DiskObject disk) {
    String node = disk.localNode().orElse(null);
    if (disk.isNodeLocal() && node == null) {
      status(
          disk,
          "WaitForFirstConsumer",
          null,
          "WaitForFirstConsumer",
          "a node-local disk is created on the node of the first VM that uses it");
      return null;
    }
    Optional<AgentClient> agent = agentFor(node);
    if (agent.isEmpty()) {
      status(
          disk,
          "Pending",
          null,
          "NoAgent",
          node == null
              ? "no node agent answers"
              : "the agent of node " + node + " does not answer");
      return Duration.ofSeconds(2);
    }
    Optional<PoolFile> file = agent.get().poolFile("disks", disk.uid());
    if (file.isPresent()) {
      status(disk, "Ready", file.get(), "Ready", "");
      return null;
    }
    Optional<Long> sizeBytes = disk.sizeBytes().map(DiskReconciler::roundToMiB);
    Optional<DeviceRef> source = disk.sourceImage();
    DiskCreateRequest.ImageRef overlayOn = null;
    if (source.isPresent()) {
      Optional<ImageObject> image = ctx.cached().image(source.get(), disk.namespace());
      if (image.isEmpty() || !image.get().isReady()) {
        status(disk, "Pending", null, "WaitingForImage", source.get() + " is not ready");
        return Duration.ofSeconds(2);
      }
      overlayOn = new DiskCreateRequest.ImageRef(image.get().uid());
      // An overlay is never smaller than its image.
      sizeBytes = sizeBytes.filter(bytes -> bytes >= image.get().unpackedBytes());
    } else if (sizeBytes.isEmpty()) {
      status(disk, "Failed", null, "NoSize", "a blank disk needs spec.persistentVolumeClaim.size");
      return null;
    }
    DiskCreateRequest request =
        new DiskCreateRequest(
            disk.uid(),
            node != null ? "local" : null,
            overlayOn != null ? "overlay" : null,
            overlayOn,
            sizeBytes.orElse(null));
    status(disk, "Provisioning", null, "Provisioning", "creating the disk");
    try {
      PoolFile created = agent.get().createDisk(request);
      status(disks.fresh(disk), "Ready", created, "Ready", "");
    } catch (AgentException e) {
      status(disks.fresh(disk), "Failed", null, "ProvisioningFailed", e.getMessage());
    }
    return null;
  }

  /** Deleting: wait until no running VM has the disk, delete its file, then let the object go. */
  private Duration release(DiskObject disk) {
    List<String> mountedIn = usedBy(disk).stream().filter(VmUse::mounted).map(VmUse::vm).toList();
    if (!mountedIn.isEmpty()) {
      // Requeued by the VMs' changes: stopping one, or unplugging the disk, lets the deletion go
      // on.
      status(
          disk,
          "Terminating",
          null,
          "InUse",
          "attached to running VM "
              + String.join(", ", mountedIn)
              + ": deleted once no running VM has it (stop the VM or detach the disk)");
      return null;
    }
    String node = disk.localNode().orElse(null);
    if (!disk.isNodeLocal() || node != null) {
      Optional<AgentClient> agent = agentFor(node);
      if (agent.isEmpty()) {
        status(
            disk, "Terminating", null, "NoAgent", "waiting for an agent to delete the disk's file");
        return Duration.ofSeconds(2);
      }
      agent.get().deleteStorageObject("disks", disk.uid());
    }
    disks.letGo(disk);
    return null;
  }

  /** The agent of a node-local disk's node, or any that answers for the shared pool (node null). */
  private Optional<AgentClient> agentFor(String node) {
    return node == null ? ctx.anyAgent() : ctx.agents().forNode(node).filter(AgentClient::healthy);
  }

  /** A VM that uses the disk, and whether it runs with it now. */
  private record VmUse(String vm, boolean mounted) {}

  /**
   * The VMs that use the disk, by their spec or an attachment (vmbda); mounted while the VM runs
   * with it — read from the VMs' status.blockDeviceRefs, the one place that rule is kept.
   */
  private List<VmUse> usedBy(DiskObject disk) {
    String ns = disk.namespace();
    DeviceRef ref = new DeviceRef(DeviceRef.VIRTUAL_DISK, disk.name());
    Set<String> names = new TreeSet<>();
    specUsers.apply(disk.key()).forEach(key -> names.add(ObjectKeys.name(key)));
    for (AttachmentObject vmbda : ctx.attachmentsOf(ref, ns)) {
      if (!vmbda.isFailed()) {
        names.add(vmbda.vmName());
      }
    }
    return names.stream()
        .flatMap(name -> ctx.cached().vm(ns, name).stream())
        .map(
            vm ->
                new VmUse(
                    vm.name(),
                    vm.blockDeviceStatuses().stream()
                        .anyMatch(row -> row.ref().equals(ref) && row.attached())))
        .toList();
  }

  private static long roundToMiB(long bytes) {
    return Math.max(MIB, (bytes + MIB - 1) / MIB * MIB);
  }

  private void status(DiskObject disk, String phase, PoolFile file, String reason, String message) {
    VirtualDiskStatus old = disk.status();
    disks.writeStatus(
        disk,
        new VirtualDiskStatus(
            phase,
            file != null ? file.virtualSize() / MIB + "Mi" : old.capacity(),
            file != null ? "100%" : old.progress(),
            old.downloadSpeed(),
            old.imageUploadURLs(),
            old.target(),
            usedBy(disk).stream()
                .map(use -> new VirtualDiskStatus.AttachedVm(use.vm(), use.mounted()))
                .toList(),
            disk.isNodeLocal() ? StorageClasses.LOCAL : StorageClasses.SHARED,
            disk.localNode().orElse(old.nodeName()),
            old.stats(),
            old.migrationState(),
            old.sourceUID(),
            ConditionsBuilder.of(disk, Instant.now())
                .set("Ready", phase.equals("Ready"), reason, message)
                .toList(),
            disk.generation()));
  }
}
