package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.cluster.Kind;
import java.util.function.Consumer;

/**
 * Keeps one of the controller's indexes up to date with a kind: it hears every change (deletes too;
 * the cache then no longer holds the object) before any {@link Watch} of the kind, so a watch that
 * reads the index sees the change that woke it.
 */
public record IndexUpdate(Kind kind, Consumer<JsonNode> apply) {
  public static IndexUpdate vms(Consumer<VmObject> update) {
    return new IndexUpdate(Kind.VIRTUAL_MACHINE, json -> update.accept(VmObject.of(json)));
  }

  public static IndexUpdate disks(Consumer<DiskObject> update) {
    return new IndexUpdate(Kind.VIRTUAL_DISK, json -> update.accept(DiskObject.of(json)));
  }

  public static IndexUpdate attachments(Consumer<AttachmentObject> update) {
    return new IndexUpdate(
        Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT,
        json -> update.accept(AttachmentObject.of(json)));
  }
}
