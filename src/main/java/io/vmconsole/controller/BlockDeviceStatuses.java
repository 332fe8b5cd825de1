package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentVm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A VM's status.blockDeviceRefs (api.md §1.2): its spec's devices in boot order, then the disks its
 * attachments (vmbda) hot-plug. "attached" is what the agent runs; "target" is the device's name by
 * its place in the agent's running list (SCSI disks sda, sdb, …, cd-roms sr0, …; hot-plugged ones
 * after), as KubeVirt's target: what a running guest calls a disk plugged into it (at boot its kernel
 * may order them otherwise). The VirtualDisks' attachedToVirtualMachines is read from here. Pure.
 */
final class BlockDeviceStatuses {
  private BlockDeviceStatuses() {}

  /**
   * @param attachments the vmbdas naming this VM
   * @param object a VirtualDisk, VirtualImage or ClusterVirtualImage of the VM's namespace by kind and name
   */
  static ArrayNode of(JsonNode vm, List<? extends JsonNode> attachments, AgentVm agentVm,
      BiFunction<String, String, Optional<JsonNode>> object) {
    Map<String, String> targets = runningTargets(agentVm);
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    int bootOrder = 1;
    for (JsonNode ref : vm.path("spec").path("blockDeviceRefs")) {
      ObjectNode row = row(ref.path("kind").asText(), ref.path("name").asText(), object, targets);
      row.put("bootOrder", bootOrder++);
      list.add(row);
    }
    List<JsonNode> sorted = new ArrayList<>(attachments);
    sorted.sort(Comparator.comparing((JsonNode a) -> a.path("metadata").path("creationTimestamp").asText())
        .thenComparing(a -> a.path("metadata").path("name").asText()));
    for (JsonNode vmbda : sorted) {
      // A refused attachment (the disk is another's) is not this VM's device.
      if (vmbda.path("status").path("phase").asText().equals("Failed")) {
        continue;
      }
      JsonNode ref = vmbda.path("spec").path("blockDeviceRef");
      ObjectNode row = row(ref.path("kind").asText(), ref.path("name").asText(), object, targets);
      row.put("hotplugged", true)
          .put("virtualMachineBlockDeviceAttachmentName", vmbda.path("metadata").path("name").asText());
      list.add(row);
    }
    return list;
  }

  private static ObjectNode row(String kind, String name, BiFunction<String, String, Optional<JsonNode>> object,
      Map<String, String> targets) {
    ObjectNode row = JsonNodeFactory.instance.objectNode().put("kind", kind).put("name", name);
    Optional<JsonNode> found = object.apply(kind, name);
    String uid = found.map(o -> o.path("metadata").path("uid").asText()).orElse("");
    found.map(o -> kind.equals("VirtualDisk") ? o.path("status").path("capacity")
        : o.path("status").path("size").path("unpacked")).filter(JsonNode::isTextual)
        .ifPresent(size -> row.put("size", size.asText()));
    String target = targets.get(uid);
    row.put("attached", target != null);
    if (target != null) {
      row.put("target", target);
    }
    return row;
  }

  /** The running disks' ids → their guest device names; empty when not running. */
  private static Map<String, String> runningTargets(AgentVm agentVm) {
    Map<String, String> targets = new HashMap<>();
    if (agentVm == null || !agentVm.active()) {
      return targets;
    }
    int disks = 0;
    int cdroms = 0;
    for (JsonNode disk : agentVm.raw().path("spec").path("disks")) {
      boolean cdrom = disk.path("media").asText("disk").equals("cdrom");
      targets.put(disk.path("id").asText(), cdrom ? "sr" + cdroms++ : "sd" + letters(disks++));
    }
    return targets;
  }

  /** 0 → a, 25 → z, 26 → aa: the kernel's sd naming. */
  static String letters(int index) {
    String s = "";
    for (int i = index; i >= 0; i = i / 26 - 1) {
      s = (char) ('a' + i % 26) + s;
    }
    return s;
  }
}
