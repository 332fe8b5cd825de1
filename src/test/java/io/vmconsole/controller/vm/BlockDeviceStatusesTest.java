package io.vmconsole.controller.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.disk.ImageObject;
import io.vmconsole.api.vm.VmObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A VM's status.blockDeviceRefs: spec devices in boot order, then hot-plugged ones (DESIGN.md
 * "vmbda").
 */
class BlockDeviceStatusesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> OBJECTS =
      Map.of(
          "VirtualDisk/root", json("{'metadata':{'uid':'u-root'},'status':{'capacity':'32Mi'}}"),
          "VirtualDisk/blank-disk",
              json("{'metadata':{'uid':'u-blank'},'status':{'capacity':'100Mi'}}"),
          "VirtualImage/iso",
              json("{'metadata':{'uid':'u-iso'},'status':{'size':{'unpacked':'5Mi'}}}"));

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static final JsonNode VM =
      json(
          "{'metadata':{'name':'linux-vm'},'spec':{'blockDeviceRefs':["
              + "{'kind':'VirtualDisk','name':'root'},{'kind':'VirtualImage','name':'iso'}]}}");

  static JsonNode vmbda(String name, String disk, String phase) {
    return json(
        "{'metadata':{'name':'"
            + name
            + "','creationTimestamp':'2026-11-26T07:00:00Z'},'spec':"
            + "{'virtualMachineName':'linux-vm','blockDeviceRef':{'kind':'VirtualDisk','name':'"
            + disk
            + "'}},"
            + "'status':{'phase':'"
            + phase
            + "'}}");
  }

  /** A running VM with these disks, each "uid=name" (the name the agent says the guest uses). */
  static AgentVm running(String... disksAndNames) {
    StringBuilder disks = new StringBuilder();
    StringBuilder names = new StringBuilder();
    for (String pair : disksAndNames) {
      String id = pair.split("=")[0];
      disks
          .append(disks.length() == 0 ? "" : ",")
          .append("{'id':'")
          .append(id)
          .append("','media':'")
          .append(id.startsWith("u-iso") ? "cdrom" : "disk")
          .append("'}");
      names
          .append(names.length() == 0 ? "" : ",")
          .append("'")
          .append(id)
          .append("':'")
          .append(pair.split("=")[1])
          .append("'");
    }
    return AgentVm.of(
        json(
            "{'vmId':'v','state':'Running','spec':{'disks':["
                + disks
                + "]},'deviceNames':{"
                + names
                + "}}"));
  }

  static List<String> rows(JsonNode vm, List<JsonNode> attachments, AgentVm agent) {
    return BlockDeviceStatuses.of(
            VmObject.of(vm),
            attachments.stream().map(AttachmentObject::of).toList(),
            agent,
            ref ->
                Optional.ofNullable(OBJECTS.get(ref.kind() + "/" + ref.name()))
                    .map(
                        o ->
                            ref.isVirtualDisk()
                                ? BlockDeviceStatuses.Known.of(DiskObject.of(o))
                                : BlockDeviceStatuses.Known.of(ImageObject.of(o))))
        .stream()
        .map(BlockDeviceStatusesTest::text)
        .toList();
  }

  /** A row as the API stores it. */
  private static String text(Object row) {
    try {
      return JSON.writeValueAsString(row);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aRunningVmShowsItsSpecDevicesInBootOrderThenTheHotpluggedDiskAfterThem() {
    assertThat(
            rows(
                VM,
                List.of(vmbda("attach-blank-disk", "blank-disk", "Attached")),
                running("u-root=sda", "u-iso=sr0", "u-blank=sdb")))
        .containsExactly(
            "{\"kind\":\"VirtualDisk\",\"name\":\"root\",\"size\":\"32Mi\",\"attached\":true,\"target\":\"sda\","
                + "\"bootOrder\":1}",
            "{\"kind\":\"VirtualImage\",\"name\":\"iso\",\"size\":\"5Mi\",\"attached\":true,\"target\":\"sr0\","
                + "\"bootOrder\":2}",
            "{\"kind\":\"VirtualDisk\",\"name\":\"blank-disk\",\"size\":\"100Mi\",\"attached\":true,\"target\":\"sdb\","
                + "\"hotplugged\":true,\"virtualMachineBlockDeviceAttachmentName\":\"attach-blank-disk\"}");
  }

  @Test
  void aStoppedVmShowsNothingAttachedAndARefusedAttachmentIsNotItsDevice() {
    assertThat(
            rows(
                VM,
                List.of(vmbda("later", "blank-disk", "Pending"), vmbda("steal", "root", "Failed")),
                null))
        .containsExactly(
            "{\"kind\":\"VirtualDisk\",\"name\":\"root\",\"size\":\"32Mi\",\"attached\":false,\"bootOrder\":1}",
            "{\"kind\":\"VirtualImage\",\"name\":\"iso\",\"size\":\"5Mi\",\"attached\":false,\"bootOrder\":2}",
            "{\"kind\":\"VirtualDisk\",\"name\":\"blank-disk\",\"size\":\"100Mi\",\"attached\":false,"
                + "\"hotplugged\":true,\"virtualMachineBlockDeviceAttachmentName\":\"later\"}");
  }

  @Test
  void theTargetIsWhatTheAgentSaysTheGuestCallsTheDevice() {
    JsonNode diskOnly =
        json(
            "{'metadata':{'name':'linux-vm'},'spec':{'blockDeviceRefs':["
                + "{'kind':'VirtualDisk','name':'root'}]}}");
    JsonNode isoAttachment =
        json(
            "{'metadata':{'name':'attach-iso','creationTimestamp':'2026-11-26T07:00:00Z'},'spec':"
                + "{'virtualMachineName':'linux-vm','blockDeviceRef':{'kind':'VirtualImage',"
                + "'name':'iso'}},'status':{'phase':'Attached'}}");
    // Plugged after boot, the ISO follows the cloud-init CD (sr0): the guest has it as sr1.
    assertThat(rows(diskOnly, List.of(isoAttachment), running("u-root=sda", "u-iso=sr1")).get(1))
        .contains("\"target\":\"sr1\"");
  }
}
