package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.validation.VirtualMachineDefaults;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Everything a VM needs before it can start — its class, its block devices, its provisioning data —
 * turned into the node agent's VM spec (node-agent/API.md), or the reasons it must wait. Pure given
 * the {@link Facts}.
 */
final class VmInputs {
  static final String CLOUD_INIT_SECRET = "provisioning.virtualization.deckhouse.io/cloud-init";
  static final String SYSPREP_SECRET = "provisioning.virtualization.deckhouse.io/sysprep";

  /** What the controller knows of the objects a VM refers to. */
  interface Facts {
    Optional<JsonNode> vmClass(String name);

    /** A VirtualDisk, VirtualImage (namespaced) or ClusterVirtualImage (namespace ignored). */
    Optional<JsonNode> object(String kind, String namespace, String name);

    Optional<JsonNode> secret(String namespace, String name);

    /** The agent's info of a pool file ("disks" or "images") by uid. */
    Optional<JsonNode> poolFile(String collection, String uid);

    /** As {@link #poolFile(String, String)}, asking the agent of {@code node} (null: any) for a node-local file. */
    default Optional<JsonNode> poolFile(String collection, String uid, String node) {
      return poolFile(collection, uid);
    }

    /** The VM's address from IP management (its vmip made when the VM names none). */
    VmNetwork network();

    /** The attachments (vmbda) naming the VM. */
    default java.util.List<? extends JsonNode> attachments() {
      return java.util.List.of();
    }
  }


  /** A readiness fact: ok, or the reason and message of a False condition. */
  record Check(boolean ok, String reason, String message) {
    static final Check OK = new Check(true, "Ready", "");

    static Check no(String reason, String message) {
      return new Check(false, reason, message);
    }
  }

  /** The agent spec (null unless every check passed) and the checks. */
  record Resolution(ObjectNode agentSpec, Check vmClass, Check blockDevices, Check provisioning, Check ipAddress,
      VmNetwork network, JsonNode classObject) {
    boolean ready() {
      return agentSpec != null;
    }
  }

  private VmInputs() {}

  static Resolution resolve(JsonNode vm, Facts facts) {
    JsonNode spec = vm.path("spec");
    String ns = vm.path("metadata").path("namespace").asText();
    String className = spec.path("virtualMachineClassName").asText();
    JsonNode vmClass = facts.vmClass(className).orElse(null);
    Check classCheck = vmClass == null
        ? Check.no("VirtualMachineClassNotFound", "VirtualMachineClass " + className + " not found") : Check.OK;
    ObjectNode agentSpec = JsonNodeFactory.instance.objectNode();
    Check disks = disks(spec, ns, facts, agentSpec);
    if (disks.ok()) {
      attached(ns, facts, agentSpec);
    }
    Check provisioning = provisioning(spec, ns, facts, agentSpec);
    VmNetwork network = facts.network();
    Check ipAddress = network.address() != null ? Check.OK
        : Check.no("VirtualMachineIPAddressNotReady", network.pendingReason());
    if (!classCheck.ok() || !disks.ok() || !provisioning.ok() || !ipAddress.ok()) {
      return new Resolution(null, classCheck, disks, provisioning, ipAddress, network, vmClass);
    }
    int cores = spec.path("cpu").path("cores").asInt(1);
    String fraction = spec.path("cpu").path("coreFraction").asText(null);
    if (fraction == null || fraction.equals("Auto")) {
      fraction = VirtualMachineDefaults.coreFraction(vmClass, cores);
    }
    agentSpec.put("name", vm.path("metadata").path("name").asText()).put("namespace", ns)
        .put("cores", cores).put("coreFraction", fraction.equals("Auto") ? "100%" : fraction)
        .put("memory", spec.path("memory").path("size").asText());
    ObjectNode nic = agentSpec.putObject("nic").put("address", network.address()).put("prefix", network.prefix())
        .put("gateway", network.gateway());
    network.dns().forEach(nic.putArray("dns")::add);
    agentSpec.putObject("ssh").put("forward", true);
    return new Resolution(agentSpec, classCheck, disks, provisioning, ipAddress, network, vmClass);
  }

  private static Check disks(JsonNode spec, String ns, Facts facts, ObjectNode agentSpec) {
    var list = agentSpec.putArray("disks");
    for (JsonNode ref : spec.path("blockDeviceRefs")) {
      Device device = device(ref.path("kind").asText(), ns, ref.path("name").asText(), facts);
      if (!device.problem().ok()) {
        return device.problem();
      }
      list.add(device.agentDisk());
    }
    return Check.OK;
  }

  /**
   * The VM boots with the disks its attachments hold, after its spec's: the guest then names them
   * as when they were plugged in (sdb after sda) — plugged into a booting guest, one could be
   * scanned before the boot disk and take its name. Only attachments the attachment reconciler has
   * accepted (a phase other than Failed), not being deleted, whose device is ready; never twice.
   */
  private static void attached(String ns, Facts facts, ObjectNode agentSpec) {
    var list = (com.fasterxml.jackson.databind.node.ArrayNode) agentSpec.get("disks");
    java.util.Set<String> ids = new java.util.HashSet<>();
    list.forEach(d -> ids.add(d.path("id").asText()));
    java.util.List<JsonNode> sorted = new java.util.ArrayList<>(facts.attachments());
    sorted.sort(java.util.Comparator.comparing((JsonNode a) -> a.path("metadata").path("creationTimestamp").asText())
        .thenComparing(a -> a.path("metadata").path("name").asText()));
    for (JsonNode vmbda : sorted) {
      String phase = vmbda.path("status").path("phase").asText("");
      if (phase.isEmpty() || phase.equals("Failed") || vmbda.path("metadata").hasNonNull("deletionTimestamp")) {
        continue;
      }
      JsonNode ref = vmbda.path("spec").path("blockDeviceRef");
      Device device = device(ref.path("kind").asText(), ns, ref.path("name").asText(), facts);
      if (device.problem().ok() && ids.add(device.agentDisk().path("id").asText())) {
        list.add(device.agentDisk());
      }
    }
  }

  /** A block device as the agent's spec (and its hot-plug call) names it, or why it cannot be yet. */
  record Device(ObjectNode agentDisk, Check problem) {}

  /**
   * The agent's disk object for a VirtualDisk (read-write) or an image (read-only; an ISO as a
   * cd-rom) — the one rule for spec disks and hot-plugged ones alike.
   */
  static Device device(String kind, String ns, String name, Facts facts) {
    Optional<JsonNode> object = facts.object(kind, ns, name);
    if (object.isEmpty()) {
      return new Device(null, Check.no("BlockDevicesNotReady", kind + " " + name + " not found"));
    }
    String phase = object.get().path("status").path("phase").asText("Pending");
    if (!phase.equals("Ready")) {
      return new Device(null, Check.no("BlockDevicesNotReady", kind + " " + name + " is " + phase));
    }
    String uid = object.get().path("metadata").path("uid").asText();
    boolean isDisk = kind.equals("VirtualDisk");
    Optional<JsonNode> file = facts.poolFile(isDisk ? "disks" : "images", uid,
        isDisk ? DiskReconciler.localNode(object.get()) : null);
    if (file.isEmpty()) {
      return new Device(null, Check.no("BlockDevicesNotReady", kind + " " + name + ": no file in the pool"));
    }
    String format = file.get().path("format").asText("qcow2");
    ObjectNode disk = JsonNodeFactory.instance.objectNode().put("id", uid).put("path", file.get().path("path").asText());
    if (format.equals("iso")) {
      disk.put("format", "raw").put("media", "cdrom");
    } else {
      disk.put("format", format).put("media", "disk").put("readOnly", !isDisk);
    }
    return new Device(disk, Check.OK);
  }

  private static Check provisioning(JsonNode spec, String ns, Facts facts, ObjectNode agentSpec) {
    JsonNode p = spec.path("provisioning");
    switch (p.path("type").asText("")) {
      case "UserData" -> agentSpec.putObject("provisioning").put("type", "cloudInit")
          .put("userData", p.path("userData").asText());
      case "UserDataRef", "SysprepRef" -> {
        boolean sysprep = p.path("type").asText().equals("SysprepRef");
        String name = p.path(sysprep ? "sysprepRef" : "userDataRef").path("name").asText();
        Optional<JsonNode> secret = facts.secret(ns, name);
        if (secret.isEmpty()) {
          return Check.no("ProvisioningNotReady", "Secret " + name + " not found");
        }
        String type = secret.get().path("type").asText();
        if (!type.equals(sysprep ? SYSPREP_SECRET : CLOUD_INIT_SECRET)) {
          return Check.no("ProvisioningNotReady", "Secret " + name + " has type " + type);
        }
        String key = sysprep ? (secretValue(secret.get(), "unattend.xml") != null ? "unattend.xml" : "autounattend.xml")
            : "userData";
        String value = secretValue(secret.get(), key);
        if (value == null) {
          return Check.no("ProvisioningNotReady", "Secret " + name + " has no key " + key);
        }
        if (sysprep) {
          agentSpec.putObject("provisioning").put("type", "sysprep").put("unattend", value);
        } else {
          agentSpec.putObject("provisioning").put("type", "cloudInit").put("userData", value);
        }
      }
      default -> { }
    }
    return Check.OK;
  }

  private static String secretValue(JsonNode secret, String key) {
    JsonNode data = secret.path("data").path(key);
    if (data.isTextual()) {
      return new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.UTF_8);
    }
    JsonNode plain = secret.path("stringData").path(key);
    return plain.isTextual() ? plain.asText() : null;
  }
}
