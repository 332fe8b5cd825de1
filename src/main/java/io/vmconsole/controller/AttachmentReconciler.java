package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
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
 * own disks at every start (VmInputs); deleting it unplugs the disk first (finalizer). Phases: Pending (the VM does
 * not run or the device is not ready — condition says which), InProgress, Attached, Failed (the disk
 * is another's, or the agent refused), Terminating.
 */
final class AttachmentReconciler {
  private static final Logger log = LoggerFactory.getLogger(AttachmentReconciler.class);
  static final String FINALIZER = "vmconsole.io/attachment-controller";

  private final ControllerContext ctx;
  private final ResourceAccess attachments;
  /** The keys ("ns/name") of the VMs whose spec names a disk, by the disk's key. */
  private final Function<String, Set<String>> specUsers;

  AttachmentReconciler(ControllerContext ctx, Function<String, Set<String>> specUsers) {
    this.ctx = ctx;
    this.attachments = ctx.access(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT);
    this.specUsers = specUsers;
  }

  /** @return when to look again (null: only on the next change) */
  Duration reconcile(String namespace, String name) {
    Optional<ObjectNode> found = attachments.get(namespace, name);
    if (found.isEmpty()) {
      return null;
    }
    ObjectNode vmbda = found.get();
    if (vmbda.path("metadata").hasNonNull("deletionTimestamp")) {
      return detach(vmbda);
    }
    if (Finalizers.claim(attachments, vmbda, FINALIZER)) {
      return Duration.ZERO;
    }
    JsonNode ref = vmbda.path("spec").path("blockDeviceRef");
    String kind = ref.path("kind").asText();
    String deviceName = ref.path("name").asText();
    String vmName = vmbda.path("spec").path("virtualMachineName").asText();
    Optional<ObjectNode> vm = ctx.cache(Kind.VIRTUAL_MACHINE).getJson(namespace, vmName);
    String conflict = conflict(vmbda, kind, deviceName, vmName);
    if (conflict != null) {
      status(vmbda, "Failed", vm.isPresent(), "", true, "", false, "Conflict", conflict);
      return Duration.ofSeconds(5);
    }
    // Facts of the namespace's devices: the VM matters only for its network, which is not asked here.
    VmInputs.Device device = VmInputs.device(kind, namespace, deviceName, ctx.facts(vmbda));
    if (vm.isEmpty()) {
      status(vmbda, "Pending", false, "VirtualMachine " + vmName + " not found", device.problem().ok(),
          device.problem().message(), false, "VirtualMachineNotReady", "");
      return null;
    }
    if (!device.problem().ok()) {
      status(vmbda, "Pending", true, "", false, device.problem().message(), false, "BlockDeviceNotReady", "");
      return Duration.ofSeconds(5);
    }
    if (ActiveMigration.of(vm.get()) != null) {
      // The target starts from the source's running spec: the disk moves with the VM, nothing to do.
      return Duration.ofSeconds(2);
    }
    String node = vm.get().path("status").path("nodeName").asText(null);
    String vmPhase = vm.get().path("status").path("phase").asText("Pending");
    if (node == null || !vmPhase.equals("Running")) {
      status(vmbda, "Pending", false, "VirtualMachine " + vmName + " is " + vmPhase
          + ": the disk is attached when it runs", true, "", false, "VirtualMachineNotRunning", "");
      return null;
    }
    String pinned = kind.equals("VirtualDisk") ? ctx.cache(Kind.VIRTUAL_DISK).getJson(namespace, deviceName)
        .map(DiskReconciler::localNode).orElse(null) : null;
    if (pinned != null && !pinned.equals(node)) {
      status(vmbda, "Failed", true, "", true, "", false, "Conflict", kind + " " + deviceName
          + " is in the node-local pool of " + pinned + ", the VM runs on " + node);
      return Duration.ofSeconds(5);
    }
    String vmId = VmReconciler.uid(vm.get());
    String diskId = device.agentDisk().path("id").asText();
    try {
      AgentClient agent = ctx.agents().forNode(node).orElseThrow(() -> new AgentException(0, "no agent for " + node));
      AgentVm running = agent.vm(vmId).filter(v -> v.state().equals("Running")).orElse(null);
      if (running == null) {
        status(vmbda, "Pending", false, "VirtualMachine " + vmName + " is not running on " + node, true, "", false,
            "VirtualMachineNotRunning", "");
        return Duration.ofSeconds(2);
      }
      if (!has(running, diskId)) {
        status(vmbda, "InProgress", true, "", true, "", false, "AttachmentInProgress", "hot-plugging into " + node);
        agent.attachDisk(vmId, device.agentDisk());
        ctx.events().record(vmbda, false, "Attached", kind + " " + deviceName + " hot-plugged into " + vmName);
        log.info("vmbda {}/{}: {} {} attached to {}", namespace, name, kind, deviceName, vmName);
      }
      status(fresh(vmbda), "Attached", true, "", true, "", true, "Attached", "");
      // A restart brings the disk back through VmInputs; a look now and then is the backstop for a lost event.
      return Duration.ofSeconds(15);
    } catch (AgentException e) {
      ctx.events().record(vmbda, true, "FailedAttach", e.getMessage());
      status(fresh(vmbda), "Failed", true, "", true, "", false, "AttachmentFailed", e.getMessage());
      return Duration.ofSeconds(5);
    }
  }

  /**
   * Why the disk cannot be this attachment's: a VirtualDisk is written by one VM at a time, so one in
   * some VM's spec or attached by an older vmbda is refused. Images are read-only and may be shared.
   */
  private String conflict(JsonNode vmbda, String kind, String diskName, String vmName) {
    if (!kind.equals("VirtualDisk")) {
      return null;
    }
    String ns = vmbda.path("metadata").path("namespace").asText();
    Optional<String> user = specUsers.apply(ns + "/" + diskName).stream().map(Controller::name).sorted().findFirst();
    if (user.isPresent()) {
      String other = user.get();
      return other.equals(vmName)
          ? "VirtualDisk " + diskName + " is already in the spec.blockDeviceRefs of VirtualMachine " + vmName
          : "VirtualDisk " + diskName + " is in use by VirtualMachine " + other;
    }
    for (ObjectNode other : ctx.attachmentsOf(kind, ns, diskName)) {
      if (olderThan(other, vmbda) && !other.path("status").path("phase").asText().equals("Failed")) {
        return "VirtualDisk " + diskName + " is already attached to VirtualMachine "
            + other.path("spec").path("virtualMachineName").asText() + " by VirtualMachineBlockDeviceAttachment "
            + other.path("metadata").path("name").asText();
      }
    }
    return null;
  }

  private static boolean olderThan(JsonNode a, JsonNode b) {
    String ta = a.path("metadata").path("creationTimestamp").asText();
    String tb = b.path("metadata").path("creationTimestamp").asText();
    int byTime = ta.compareTo(tb);
    return byTime < 0 || (byTime == 0 && a.path("metadata").path("name").asText()
        .compareTo(b.path("metadata").path("name").asText()) < 0);
  }

  /** Deleting: unplug the disk from the running VM, then let the object go. */
  private Duration detach(ObjectNode vmbda) {
    if (!Finalizers.has(vmbda, FINALIZER)) {
      return null;
    }
    status(vmbda, "Terminating", true, "", true, "", false, "Detaching", "");
    String ns = vmbda.path("metadata").path("namespace").asText();
    JsonNode ref = vmbda.path("spec").path("blockDeviceRef");
    Optional<ObjectNode> vm = ctx.cache(Kind.VIRTUAL_MACHINE)
        .getJson(ns, vmbda.path("spec").path("virtualMachineName").asText());
    Optional<JsonNode> device = vm.flatMap(v -> ctx.facts(v).object(ref.path("kind").asText(), ns,
        ref.path("name").asText()));
    String node = vm.map(v -> v.path("status").path("nodeName").asText(null)).orElse(null);
    // A disk that is another's (in the VM's spec, say) was never plugged by this attachment: never unplug it.
    boolean ours = conflict(vmbda, ref.path("kind").asText(), ref.path("name").asText(),
        vmbda.path("spec").path("virtualMachineName").asText()) == null;
    if (vm.isPresent() && device.isPresent() && node != null && ours) {
      if (ActiveMigration.of(vm.get()) != null) {
        return Duration.ofSeconds(1);
      }
      String vmId = VmReconciler.uid(vm.get());
      String diskId = device.get().path("metadata").path("uid").asText();
      Optional<AgentClient> agent = ctx.agents().forNode(node);
      Optional<AgentVm> running = agent.flatMap(a -> a.vm(vmId)).filter(AgentVm::active);
      if (running.isPresent() && has(running.get(), diskId)) {
        agent.get().detachDisk(vmId, diskId);
        ctx.events().record(vmbda, false, "Detached", ref.path("kind").asText() + " " + ref.path("name").asText()
            + " unplugged from " + vm.get().path("metadata").path("name").asText());
      }
    }
    ObjectNode current = fresh(vmbda);
    Finalizers.remove(current, FINALIZER);
    attachments.update(current);
    return null;
  }

  private static boolean has(AgentVm vm, String diskId) {
    for (JsonNode disk : vm.raw().path("spec").path("disks")) {
      if (disk.path("id").asText().equals(diskId)) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode fresh(ObjectNode vmbda) {
    return attachments.get(vmbda.path("metadata").path("namespace").asText(),
        vmbda.path("metadata").path("name").asText()).orElse(vmbda);
  }

  /** Writes phase and the conditions VirtualMachineReady, BlockDeviceReady and Attached when they changed. */
  private void status(ObjectNode vmbda, String phase, boolean vmReady, String vmMessage, boolean deviceReady,
      String deviceMessage, boolean attached, String attachedReason, String attachedMessage) {
    long generation = vmbda.path("metadata").path("generation").asLong(1);
    Conditions c = new Conditions(vmbda.path("status").path("conditions"), generation, Instant.now());
    c.set("VirtualMachineReady", vmReady, vmReady ? "VirtualMachineReady" : "VirtualMachineNotReady", vmMessage);
    c.set("BlockDeviceReady", deviceReady, deviceReady ? "BlockDeviceReady" : "BlockDeviceNotReady", deviceMessage);
    c.set("Attached", attached, attachedReason, attachedMessage);
    ObjectNode status = JsonNodeFactory.instance.objectNode().put("phase", phase)
        .put("virtualMachineName", vmbda.path("spec").path("virtualMachineName").asText());
    status.set("conditions", c.toArray());
    status.put("observedGeneration", generation);
    if (status.equals(vmbda.path("status"))) {
      return;
    }
    ObjectNode copy = vmbda.deepCopy();
    copy.set("status", status);
    ObjectNode written = attachments.updateStatus(copy);
    // The caller may write again in this reconcile: it goes on from the stored version.
    vmbda.removeAll();
    vmbda.setAll(written);
  }
}
