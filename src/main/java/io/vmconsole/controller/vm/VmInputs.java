package io.vmconsole.controller.vm;

import io.vmconsole.agent.AgentDisk;
import io.vmconsole.agent.AgentVmSpec;
import io.vmconsole.agent.PoolFile;
import io.vmconsole.api.core.SecretObject;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.disk.ImageObject;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vmclass.VmClassObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a VM needs before it can start — its class, its block devices, its provisioning data —
 * turned into the node agent's VM spec (node-agent/API.md), or the reasons it must wait. Pure given
 * the {@link Facts}.
 */
public final class VmInputs {
  static final String CLOUD_INIT_SECRET = "provisioning.virtualization.deckhouse.io/cloud-init";
  static final String SYSPREP_SECRET = "provisioning.virtualization.deckhouse.io/sysprep";

  /** What the controller knows of the block devices a namespace has: disks, images, pool files. */
  public interface DeviceFacts {
    Optional<DiskObject> disk(String namespace, String name);

    /** A VirtualImage of the namespace, or a ClusterVirtualImage. */
    Optional<ImageObject> image(DeviceRef ref, String namespace);

    /** The agent's info of a pool file ("disks" or "images") by uid. */
    Optional<PoolFile> poolFile(String collection, String uid);

    /**
     * As {@link #poolFile(String, String)}, asking the agent of {@code node} (null: any) for a
     * node-local file.
     */
    default Optional<PoolFile> poolFile(String collection, String uid, String node) {
      return poolFile(collection, uid);
    }
  }

  /** What the controller knows of the objects one VM refers to. */
  public interface Facts extends DeviceFacts {
    Optional<VmClassObject> vmClass(String name);

    Optional<SecretObject> secret(String namespace, String name);

    /** The VM's address from IP management (its vmip made when the VM names none). */
    VmNetwork network();

    /** The attachments (vmbda) naming the VM. */
    default List<AttachmentObject> attachments() {
      return List.of();
    }
  }

  /** A readiness fact: ok, or the reason and message of a False condition. */
  public record Check(boolean ok, String reason, String message) {
    static final Check OK = new Check(true, "Ready", "");

    static Check no(String reason, String message) {
      return new Check(false, reason, message);
    }
  }

  /** The agent spec (null unless every check passed) and the checks. */
  record Resolution(
      AgentVmSpec agentSpec,
      Check vmClass,
      Check blockDevices,
      Check provisioning,
      Check ipAddress,
      VmNetwork network,
      VmClassObject classObject) {
    boolean ready() {
      return agentSpec != null;
    }
  }

  private VmInputs() {}

  static Resolution resolve(VmObject vm, Facts facts) {
    String ns = vm.namespace();
    String className = vm.className();
    VmClassObject vmClass = facts.vmClass(className).orElse(null);
    Check classCheck =
        vmClass == null
            ? Check.no(
                "VirtualMachineClassNotFound", "VirtualMachineClass " + className + " not found")
            : Check.OK;
    List<AgentDisk> agentDisks = new ArrayList<>();
    Check disks = disks(vm, facts, agentDisks);
    if (disks.ok()) {
      attached(ns, facts, agentDisks);
    }
    Provisioned provisioning = provisioning(vm, facts);
    VmNetwork network = facts.network();
    Check ipAddress =
        network.address() != null
            ? Check.OK
            : Check.no("VirtualMachineIPAddressNotReady", network.pendingReason());
    if (!classCheck.ok() || !disks.ok() || !provisioning.check().ok() || !ipAddress.ok()) {
      return new Resolution(
          null, classCheck, disks, provisioning.check(), ipAddress, network, vmClass);
    }
    int cores = vm.cores();
    String fraction = vm.coreFraction().orElse("Auto");
    if (fraction.equals("Auto")) {
      fraction = vmClass.defaultCoreFraction(cores);
    }
    AgentVmSpec agentSpec =
        new AgentVmSpec(
            vm.name(),
            ns,
            cores,
            fraction.equals("Auto") ? "100%" : fraction,
            vm.memoryBytes(),
            agentDisks,
            new AgentVmSpec.Nic(
                network.address(), network.prefix(), network.gateway(), network.dns()),
            new AgentVmSpec.Ssh(true),
            provisioning.agent());
    return new Resolution(
        agentSpec, classCheck, disks, provisioning.check(), ipAddress, network, vmClass);
  }

  private static Check disks(VmObject vm, Facts facts, List<AgentDisk> list) {
    for (DeviceRef ref : vm.blockDeviceRefs()) {
      Device device = device(ref, vm.namespace(), facts);
      if (!device.problem().ok()) {
        return device.problem();
      }
      Optional<String> inUse = inUseByAnother(ref, vm, facts);
      if (inUse.isPresent()) {
        return Check.no("BlockDevicesNotReady", inUse.get());
      }
      list.add(device.agentDisk());
    }
    return Check.OK;
  }

  /**
   * Another VM that runs with the disk: no start is tried while it does (QEMU's write lock would
   * refuse it, and nothing else would keep two guests from one file).
   */
  private static Optional<String> inUseByAnother(DeviceRef ref, VmObject vm, Facts facts) {
    if (!ref.isVirtualDisk()) {
      return Optional.empty();
    }
    return facts.disk(vm.namespace(), ref.name()).flatMap(d -> d.inUseByAnother(vm.name()));
  }

  /**
   * The VM boots with the disks its attachments hold, after its spec's: the guest then names them
   * as when they were plugged in (sdb after sda) — plugged into a booting guest, one could be
   * scanned before the boot disk and take its name. Only attachments the attachment reconciler has
   * accepted (a phase other than Failed), not being deleted, whose device is ready; never twice.
   */
  private static void attached(String ns, Facts facts, List<AgentDisk> list) {
    Set<String> ids = new HashSet<>();
    list.forEach(d -> ids.add(d.id()));
    List<AttachmentObject> sorted = new ArrayList<>(facts.attachments());
    sorted.sort(AttachmentObject.CREATION_ORDER);
    for (AttachmentObject vmbda : sorted) {
      if (!vmbda.isAccepted()) {
        continue;
      }
      Device device = device(vmbda.device(), ns, facts);
      if (device.problem().ok() && ids.add(device.agentDisk().id())) {
        list.add(device.agentDisk());
      }
    }
  }

  /**
   * A block device as the agent's spec (and its hot-plug call) names it, or why it cannot be yet.
   */
  public record Device(AgentDisk agentDisk, Check problem) {}

  /**
   * The agent's disk object for a VirtualDisk (read-write) or an image (read-only; an ISO as a
   * cd-rom) — the one rule for spec disks and hot-plugged ones alike.
   */
  public static Device device(DeviceRef ref, String ns, DeviceFacts facts) {
    boolean isDisk = ref.isVirtualDisk();
    Optional<DiskObject> disk = isDisk ? facts.disk(ns, ref.name()) : Optional.empty();
    Optional<ImageObject> image = isDisk ? Optional.empty() : facts.image(ref, ns);
    if (disk.isEmpty() && image.isEmpty()) {
      return new Device(null, Check.no("BlockDevicesNotReady", ref + " not found"));
    }
    String phase = disk.map(DiskObject::phase).orElseGet(() -> image.get().phase());
    if (!phase.equals("Ready")) {
      return new Device(null, Check.no("BlockDevicesNotReady", ref + " is " + phase));
    }
    String uid = disk.map(DiskObject::uid).orElseGet(() -> image.get().uid());
    Optional<PoolFile> file =
        facts.poolFile(
            isDisk ? "disks" : "images", uid, disk.flatMap(DiskObject::localNode).orElse(null));
    if (file.isEmpty()) {
      return new Device(null, Check.no("BlockDevicesNotReady", ref + ": no file in the pool"));
    }
    AgentDisk agentDisk =
        file.get().isIso()
            ? AgentDisk.cdrom(uid, file.get().path())
            : AgentDisk.disk(uid, file.get().path(), file.get().format(), !isDisk);
    return new Device(agentDisk, Check.OK);
  }

  /** The provisioning check, and what the agent gets when it passed (null: nothing). */
  private record Provisioned(Check check, AgentVmSpec.Provisioning agent) {
    static final Provisioned NONE = new Provisioned(Check.OK, null);

    static Provisioned no(String message) {
      return new Provisioned(Check.no("ProvisioningNotReady", message), null);
    }
  }

  private static Provisioned provisioning(VmObject vm, Facts facts) {
    Optional<VmObject.Provisioning> found = vm.provisioning();
    if (found.isEmpty()) {
      return Provisioned.NONE;
    }
    VmObject.Provisioning p = found.get();
    switch (p.type()) {
      case "UserData" -> {
        return new Provisioned(Check.OK, AgentVmSpec.Provisioning.cloudInit(p.userData()));
      }
      case "UserDataRef", "SysprepRef" -> {
        boolean sysprep = p.isSysprep();
        String name = p.secretName();
        Optional<SecretObject> secret = facts.secret(vm.namespace(), name);
        if (secret.isEmpty()) {
          return Provisioned.no("Secret " + name + " not found");
        }
        String type = secret.get().type();
        if (!type.equals(sysprep ? SYSPREP_SECRET : CLOUD_INIT_SECRET)) {
          return Provisioned.no("Secret " + name + " has type " + type);
        }
        String key =
            sysprep
                ? (secret.get().value("unattend.xml").isPresent()
                    ? "unattend.xml"
                    : "autounattend.xml")
                : "userData";
        Optional<String> value = secret.get().value(key);
        if (value.isEmpty()) {
          return Provisioned.no("Secret " + name + " has no key " + key);
        }
        return new Provisioned(
            Check.OK,
            sysprep
                ? AgentVmSpec.Provisioning.sysprep(value.get())
                : AgentVmSpec.Provisioning.cloudInit(value.get()));
      }
      default -> {
        return Provisioned.NONE;
      }
    }
  }
}
