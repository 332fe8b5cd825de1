package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.api.disk.StorageClasses;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * VirtualDisks, minimal (issue 4 §2): blank of a size, or an overlay on a ready VirtualImage or
 * ClusterVirtualImage, made in the shared pool through any agent. Pending → Provisioning → Ready.
 * A finalizer deletes the disk's file when the object goes, and holds a disk that a running VM has
 * attached in Terminating until no running VM has it: the guest keeps its data while it runs.
 */
final class DiskReconciler {
  static final String FINALIZER = "vmconsole.io/disk-controller";
  private final ControllerContext ctx;
  private final ResourceAccess disks;
  /** The keys ("ns/name") of the VMs whose spec names a disk, by the disk's key. */
  private final Function<String, Set<String>> specUsers;

  DiskReconciler(ControllerContext ctx, Function<String, Set<String>> specUsers) {
    this.ctx = ctx;
    this.disks = ctx.access(Kind.VIRTUAL_DISK);
    this.specUsers = specUsers;
  }

  Duration reconcile(String namespace, String name) {
    Optional<ObjectNode> found = disks.get(namespace, name);
    if (found.isEmpty()) {
      return null;
    }
    ObjectNode disk = found.get();
    if (disk.path("metadata").hasNonNull("deletionTimestamp")) {
      return release(disk);
    }
    if (Finalizers.claim(disks, disk, FINALIZER)) {
      return Duration.ZERO;
    }
    String uid = disk.path("metadata").path("uid").asText();
    String node = localNode(disk);
    if (isLocal(disk) && node == null) {
      status(disk, "WaitForFirstConsumer", null, "WaitForFirstConsumer",
          "a node-local disk is created on the node of the first VM that uses it");
      return null;
    }
    Optional<AgentClient> agent = node == null ? ctx.anyAgent()
        : ctx.agents().forNode(node).filter(AgentClient::healthy);
    if (agent.isEmpty()) {
      status(disk, "Pending", null, "NoAgent", node == null ? "no node agent answers"
          : "the agent of node " + node + " does not answer");
      return Duration.ofSeconds(2);
    }
    Optional<JsonNode> file = agent.get().storageObject("disks", uid);
    if (file.isPresent()) {
      status(disk, "Ready", file.get(), "Ready", "");
      return null;
    }
    ObjectNode request = JsonNodeFactory.instance.objectNode().put("uid", uid);
    if (node != null) {
      request.put("pool", "local");
    }
    JsonNode size = disk.path("spec").path("persistentVolumeClaim").path("size");
    if (size.isTextual() || size.isNumber()) {
      request.put("sizeBytes", roundToMiB(ControllerContext.bytes(size.asText())));
    }
    JsonNode ref = disk.path("spec").path("dataSource").path("objectRef");
    if (disk.path("spec").path("dataSource").path("type").asText("").equals("ObjectRef")) {
      String kind = ref.path("kind").asText();
      Optional<JsonNode> image = ctx.facts(disk).object(kind, namespace, ref.path("name").asText());
      if (image.isEmpty() || !"Ready".equals(image.get().path("status").path("phase").asText())) {
        status(disk, "Pending", null, "WaitingForImage", kind + " " + ref.path("name").asText() + " is not ready");
        return Duration.ofSeconds(2);
      }
      request.put("mode", "overlay").putObject("image").put("uid", image.get().path("metadata").path("uid").asText());
      if (request.has("sizeBytes") && request.get("sizeBytes").asLong() < image.get().path("status").path("size")
          .path("unpackedBytes").asLong(0)) {
        request.remove("sizeBytes");
      }
    } else if (!request.has("sizeBytes")) {
      status(disk, "Failed", null, "NoSize", "a blank disk needs spec.persistentVolumeClaim.size");
      return null;
    }
    status(disk, "Provisioning", null, "Provisioning", "creating the disk");
    try {
      JsonNode created = agent.get().createDisk(request);
      status(disks.get(namespace, name).orElse(disk), "Ready", created, "Ready", "");
    } catch (AgentException e) {
      status(disks.get(namespace, name).orElse(disk), "Failed", null, "ProvisioningFailed", e.getMessage());
    }
    return null;
  }

  /** Deleting: wait until no running VM has the disk, delete its file, then let the object go. */
  private Duration release(ObjectNode disk) {
    if (!Finalizers.has(disk, FINALIZER)) {
      return null;
    }
    List<String> mountedIn = new ArrayList<>();
    attachedTo(disk).forEach(vm -> {
      if (vm.path("mounted").asBoolean(false)) {
        mountedIn.add(vm.path("name").asText());
      }
    });
    if (!mountedIn.isEmpty()) {
      // Requeued by the VMs' changes: stopping one, or unplugging the disk, lets the deletion go on.
      status(disk, "Terminating", null, "InUse", "attached to running VM " + String.join(", ", mountedIn)
          + ": deleted once no running VM has it (stop the VM or detach the disk)");
      return null;
    }
    String node = localNode(disk);
    if (!isLocal(disk) || node != null) {
      Optional<AgentClient> agent = node == null ? ctx.anyAgent()
          : ctx.agents().forNode(node).filter(AgentClient::healthy);
      if (agent.isEmpty()) {
        status(disk, "Terminating", null, "NoAgent", "waiting for an agent to delete the disk's file");
        return Duration.ofSeconds(2);
      }
      agent.get().deleteStorageObject("disks", disk.path("metadata").path("uid").asText());
    }
    ObjectNode current = disks.get(disk.path("metadata").path("namespace").asText(),
        disk.path("metadata").path("name").asText()).orElse(disk).deepCopy();
    Finalizers.remove(current, FINALIZER);
    disks.update(current);
    return null;
  }

  static boolean isLocal(JsonNode disk) {
    return StorageClasses.isNodeLocal(disk.path("spec").path("persistentVolumeClaim").path("storageClassName")
        .asText(null));
  }

  /** The node of a node-local disk once its first VM was placed (null: shared, or not yet placed). */
  static String localNode(JsonNode disk) {
    return isLocal(disk) ? Annotations.get(disk, Annotations.SELECTED_NODE) : null;
  }

  /**
   * The VMs that use the disk, by their spec or an attachment (vmbda); mounted while the VM runs with
   * it — read from the VMs' status.blockDeviceRefs, the one place that rule is kept.
   */
  private ArrayNode attachedTo(JsonNode disk) {
    String ns = disk.path("metadata").path("namespace").asText();
    String name = disk.path("metadata").path("name").asText();
    Set<String> vms = new TreeSet<>();
    specUsers.apply(ns + "/" + name).forEach(key -> vms.add(Controller.name(key)));
    for (ObjectNode vmbda : ctx.attachmentsOf("VirtualDisk", ns, name)) {
      if (!vmbda.path("status").path("phase").asText().equals("Failed")) {
        vms.add(vmbda.path("spec").path("virtualMachineName").asText());
      }
    }
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (String vm : vms) {
      boolean mounted = false;
      for (JsonNode row : ctx.cache(Kind.VIRTUAL_MACHINE).getJson(ns, vm).map(v -> v.path("status")
          .path("blockDeviceRefs")).orElse(JsonNodeFactory.instance.arrayNode())) {
        mounted |= row.path("kind").asText().equals("VirtualDisk") && row.path("name").asText().equals(name)
            && row.path("attached").asBoolean(false);
      }
      if (ctx.cache(Kind.VIRTUAL_MACHINE).getJson(ns, vm).isPresent()) {
        list.addObject().put("name", vm).put("mounted", mounted);
      }
    }
    return list;
  }

  private static long roundToMiB(long bytes) {
    long mib = 1024 * 1024;
    return Math.max(mib, (bytes + mib - 1) / mib * mib);
  }

  private void status(ObjectNode disk, String phase, JsonNode file, String reason, String message) {
    ObjectNode status = disk.path("status").isObject() ? ((ObjectNode) disk.path("status")).deepCopy()
        : JsonNodeFactory.instance.objectNode();
    status.put("phase", phase);
    status.put("storageClassName", isLocal(disk) ? StorageClasses.LOCAL : StorageClasses.SHARED);
    if (localNode(disk) != null) {
      status.put("nodeName", localNode(disk));
    }
    if (file != null) {
      status.put("capacity", file.path("virtualSize").asLong() / (1024 * 1024) + "Mi");
      status.put("progress", "100%");
    }
    status.set("attachedToVirtualMachines", attachedTo(disk));
    status.put("observedGeneration", disk.path("metadata").path("generation").asLong(1));
    Conditions c = new Conditions(disk.path("status").path("conditions"), disk.path("metadata").path("generation")
        .asLong(1), Instant.now());
    c.set("Ready", phase.equals("Ready"), reason, message);
    status.set("conditions", c.toArray());
    if (status.equals(disk.path("status"))) {
      return;
    }
    ObjectNode copy = disk.deepCopy();
    copy.set("status", status);
    disks.updateStatus(copy);
  }
}
