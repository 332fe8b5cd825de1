package io.vmconsole.controller.storage;

import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.disk.VirtualMachineBlockDeviceAttachment;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vm.VmPhase;
import io.vmconsole.cluster.Kind;
import io.vmconsole.controller.runtime.ConditionsBuilder;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.controller.runtime.ObjectKeys;
import io.vmconsole.controller.runtime.OwnedObject;
import io.vmconsole.controller.vm.ActiveMigration;
import io.vmconsole.controller.vm.CachedFacts;
import io.vmconsole.controller.vm.VmInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a VirtualMachineBlockDeviceAttachment (vmbda, api.md §5) real: while it exists and its VM
 * runs, the disk is in the VM's QEMU: hot-plugged into a running one, and started with it after its
 * own disks at every start (VmInputs); deleting it unplugs the disk first (finalizer). Phases:
 * Pending (the VM does not run or the device is not ready — condition says which), InProgress,
 * Attached, Failed (the disk is another's, or the agent refused), Terminating.
 */
public final class AttachmentReconciler {
  private static final Logger log = LoggerFactory.getLogger(AttachmentReconciler.class);
  static final String FINALIZER = "vmconsole.io/attachment-controller";

  private final ControllerContext ctx;
  private final OwnedObject<AttachmentObject> attachments;

  /** The keys ("ns/name") of the VMs whose spec names a disk, by the disk's key. */
  private final Function<String, Set<String>> specUsers;

  public AttachmentReconciler(ControllerContext ctx, Function<String, Set<String>> specUsers) {
    this.ctx = ctx;
    this.attachments =
        new OwnedObject<>(
            ctx.access(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT),
            FINALIZER,
            AttachmentObject::of);
    this.specUsers = specUsers;
  }

  /**
   * @return when to look again (null: only on the next change)
   */
  public Duration reconcile(String namespace, String name) {
    return attachments.reconcile(namespace, name, this::detach, this::attach);
  }

  private Duration attach(AttachmentObject vmbda) {
    DeviceRef ref = vmbda.device();
    String vmName = vmbda.vmName();
    Optional<VmObject> vm = ctx.cached().vm(vmbda.namespace(), vmName);
    String conflict = conflict(vmbda);
    if (conflict != null) {
      status(vmbda, "Failed", vm.isPresent(), "", true, "", false, "Conflict", conflict);
      return Duration.ofSeconds(5);
    }
    // Facts of the namespace's devices: the VM matters only for its network, which is not asked
    // here.
    VmInputs.Device device = VmInputs.device(ref, vmbda.namespace(), CachedFacts.devices(ctx));
    if (vm.isEmpty()) {
      status(
          vmbda,
          "Pending",
          false,
          "VirtualMachine " + vmName + " not found",
          device.problem().ok(),
          device.problem().message(),
          false,
          "VirtualMachineNotReady",
          "");
      return null;
    }
    if (!device.problem().ok()) {
      status(
          vmbda,
          "Pending",
          true,
          "",
          false,
          device.problem().message(),
          false,
          "BlockDeviceNotReady",
          "");
      return Duration.ofSeconds(5);
    }
    if (ActiveMigration.of(vm.get()) != null) {
      // The target starts from the source's running spec: the disk moves with the VM, nothing to
      // do.
      return Duration.ofSeconds(2);
    }
    String node = vm.get().nodeName().orElse(null);
    String vmPhase = vm.get().phase().map(VmPhase::name).orElse("Pending");
    if (node == null || !vmPhase.equals("Running")) {
      status(
          vmbda,
          "Pending",
          false,
          "VirtualMachine " + vmName + " is " + vmPhase + ": the disk is attached when it runs",
          true,
          "",
          false,
          "VirtualMachineNotRunning",
          "");
      return null;
    }
    String pinned =
        ref.isVirtualDisk()
            ? ctx.cached()
                .disk(vmbda.namespace(), ref.name())
                .flatMap(DiskObject::localNode)
                .orElse(null)
            : null;
    if (pinned != null && !pinned.equals(node)) {
      status(
          vmbda,
          "Failed",
          true,
          "",
          true,
          "",
          false,
          "Conflict",
          ref + " is in the node-local pool of " + pinned + ", the VM runs on " + node);
      return Duration.ofSeconds(5);
    }
    String vmId = vm.get().uid();
    String diskId = device.agentDisk().id();
    try {
      AgentClient agent =
          ctx.agents()
              .forNode(node)
              .orElseThrow(() -> new AgentException(0, "no agent for " + node));
      AgentVm running = agent.vm(vmId).filter(v -> v.state().equals("Running")).orElse(null);
      if (running == null) {
        status(
            vmbda,
            "Pending",
            false,
            "VirtualMachine " + vmName + " is not running on " + node,
            true,
            "",
            false,
            "VirtualMachineNotRunning",
            "");
        return Duration.ofSeconds(2);
      }
      if (!running.hasDisk(diskId)) {
        status(
            vmbda,
            "InProgress",
            true,
            "",
            true,
            "",
            false,
            "AttachmentInProgress",
            "hot-plugging into " + node);
        agent.attachDisk(vmId, device.agentDisk());
        ctx.events().record(vmbda, false, "Attached", ref + " hot-plugged into " + vmName);
        log.info("vmbda {}/{}: {} attached to {}", vmbda.namespace(), vmbda.name(), ref, vmName);
      }
      status(attachments.fresh(vmbda), "Attached", true, "", true, "", true, "Attached", "");
      // A restart brings the disk back through VmInputs; a look now and then is the backstop for a
      // lost event.
      return Duration.ofSeconds(15);
    } catch (AgentException e) {
      ctx.events().record(vmbda, true, "FailedAttach", e.getMessage());
      status(
          attachments.fresh(vmbda),
          "Failed",
          true,
          "",
          true,
          "",
          false,
          "AttachmentFailed",
          e.getMessage());
      return Duration.ofSeconds(5);
    }
  }

  /**
   * Why the disk cannot be this attachment's: a VirtualDisk is written by one VM at a time, so one
   * in some VM's spec or attached by an older vmbda is refused. Images are read-only and may be
   * shared.
   */
  private String conflict(AttachmentObject vmbda) {
    DeviceRef ref = vmbda.device();
    if (!ref.isVirtualDisk()) {
      return null;
    }
    String ns = vmbda.namespace();
    Optional<String> user =
        specUsers.apply(ns + "/" + ref.name()).stream().map(ObjectKeys::name).sorted().findFirst();
    if (user.isPresent()) {
      String other = user.get();
      return other.equals(vmbda.vmName())
          ? "VirtualDisk "
              + ref.name()
              + " is already in the spec.blockDeviceRefs of VirtualMachine "
              + other
          : "VirtualDisk " + ref.name() + " is in use by VirtualMachine " + other;
    }
    for (AttachmentObject other : ctx.attachmentsOf(ref, ns)) {
      if (AttachmentObject.CREATION_ORDER.compare(other, vmbda) < 0 && !other.isFailed()) {
        return "VirtualDisk "
            + ref.name()
            + " is already attached to VirtualMachine "
            + other.vmName()
            + " by VirtualMachineBlockDeviceAttachment "
            + other.name();
      }
    }
    return null;
  }

  /** Deleting: unplug the disk from the running VM, then let the object go. */
  private Duration detach(AttachmentObject vmbda) {
    vmbda = status(vmbda, "Terminating", true, "", true, "", false, "Detaching", "");
    DeviceRef ref = vmbda.device();
    Optional<VmObject> vm = ctx.cached().vm(vmbda.namespace(), vmbda.vmName());
    Optional<String> deviceUid =
        vm.isEmpty()
            ? Optional.empty()
            : ref.isVirtualDisk()
                ? ctx.cached().disk(vmbda.namespace(), ref.name()).map(DiskObject::uid)
                : ctx.cached().image(ref, vmbda.namespace()).map(i -> i.uid());
    Optional<String> node = vm.flatMap(VmObject::nodeName);
    // A disk that is another's (in the VM's spec, say) was never plugged by this attachment: never
    // unplug it.
    boolean ours = conflict(vmbda) == null;
    if (vm.isPresent() && deviceUid.isPresent() && node.isPresent() && ours) {
      if (ActiveMigration.of(vm.get()) != null) {
        return Duration.ofSeconds(1);
      }
      String vmId = vm.get().uid();
      Optional<AgentClient> agent = ctx.agents().forNode(node.get());
      Optional<AgentVm> running = agent.flatMap(a -> a.vm(vmId)).filter(AgentVm::active);
      if (running.isPresent() && running.get().hasDisk(deviceUid.get())) {
        agent.get().detachDisk(vmId, deviceUid.get());
        ctx.events().record(vmbda, false, "Detached", ref + " unplugged from " + vm.get().name());
      }
    }
    attachments.letGo(vmbda);
    return null;
  }

  /**
   * Writes phase and the conditions VirtualMachineReady, BlockDeviceReady and Attached when they
   * changed.
   */
  private AttachmentObject status(
      AttachmentObject vmbda,
      String phase,
      boolean vmReady,
      String vmMessage,
      boolean deviceReady,
      String deviceMessage,
      boolean attached,
      String attachedReason,
      String attachedMessage) {
    ConditionsBuilder c = ConditionsBuilder.of(vmbda, Instant.now());
    c.set(
        "VirtualMachineReady",
        vmReady,
        vmReady ? "VirtualMachineReady" : "VirtualMachineNotReady",
        vmMessage);
    c.set(
        "BlockDeviceReady",
        deviceReady,
        deviceReady ? "BlockDeviceReady" : "BlockDeviceNotReady",
        deviceMessage);
    c.set("Attached", attached, attachedReason, attachedMessage);
    return attachments.writeStatus(
        vmbda,
        new VirtualMachineBlockDeviceAttachment.Status(
            phase, vmbda.vmName(), c.toList(), vmbda.generation()));
  }
}
