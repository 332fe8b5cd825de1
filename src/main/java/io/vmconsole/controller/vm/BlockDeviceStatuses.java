package io.vmconsole.controller.vm;

import io.vmconsole.agent.AgentVm;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.disk.ImageObject;
import io.vmconsole.api.vm.VirtualMachineStatus.BlockDeviceStatus;
import io.vmconsole.api.vm.VmObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A VM's status.blockDeviceRefs (api.md §1.2): its spec's devices in boot order, then the disks its
 * attachments (vmbda) hot-plug. "attached" is what the agent runs; "target" is what the guest calls
 * the device (sda, sr1, …), as KubeVirt's target: the agent tracks the names as the guest's kernel
 * gives them, the cloud-init CD included. The VirtualDisks' attachedToVirtualMachines is read from
 * here. Pure.
 */
final class BlockDeviceStatuses {
  private BlockDeviceStatuses() {}

  /** What a row shows of a device the API has: its uid (the agent's disk id) and its size. */
  record Known(String uid, Optional<String> size) {
    static Known of(DiskObject disk) {
      return new Known(disk.uid(), disk.capacity());
    }

    static Known of(ImageObject image) {
      return new Known(image.uid(), image.unpackedSize());
    }
  }

  /**
   * @param attachments the vmbdas naming this VM
   * @param known a VirtualDisk, VirtualImage or ClusterVirtualImage of the VM's namespace, empty
   *     when unknown
   */
  static List<BlockDeviceStatus> of(
      VmObject vm,
      List<AttachmentObject> attachments,
      AgentVm agentVm,
      Function<DeviceRef, Optional<Known>> known) {
    Map<String, String> targets = runningTargets(agentVm);
    List<BlockDeviceStatus> list = new ArrayList<>();
    int bootOrder = 1;
    for (DeviceRef ref : vm.blockDeviceRefs()) {
      list.add(row(ref, known, targets, bootOrder++, null));
    }
    List<AttachmentObject> sorted = new ArrayList<>(attachments);
    sorted.sort(AttachmentObject.CREATION_ORDER);
    for (AttachmentObject vmbda : sorted) {
      // A refused attachment (the disk is another's) is not this VM's device.
      if (vmbda.isFailed()) {
        continue;
      }
      list.add(row(vmbda.device(), known, targets, null, vmbda.name()));
    }
    return list;
  }

  /**
   * @param bootOrder a spec device's place (null for a hot-plugged one)
   * @param attachment the vmbda that hot-plugs the device (null for a spec device)
   */
  private static BlockDeviceStatus row(
      DeviceRef ref,
      Function<DeviceRef, Optional<Known>> known,
      Map<String, String> targets,
      Integer bootOrder,
      String attachment) {
    Optional<Known> found = known.apply(ref);
    String target = targets.get(found.map(Known::uid).orElse(""));
    return new BlockDeviceStatus(
        ref.kind(),
        ref.name(),
        found.flatMap(Known::size).orElse(null),
        target != null,
        target,
        attachment != null ? Boolean.TRUE : null,
        attachment,
        bootOrder);
  }

  /** The running disks' ids → their guest device names, as the agent tracks them. */
  private static Map<String, String> runningTargets(AgentVm agentVm) {
    Map<String, String> targets = new HashMap<>();
    if (agentVm == null || !agentVm.active()) {
      return targets;
    }
    for (AgentVm.Disk disk : agentVm.disks()) {
      agentVm.deviceName(disk.id()).ifPresent(name -> targets.put(disk.id(), name));
    }
    return targets;
  }
}
