package io.vmconsole.api.disk;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;
import java.util.Comparator;

/** A stored VirtualMachineBlockDeviceAttachment (vmbda) read through typed accessors. */
public final class AttachmentObject extends StoredObject {
  /**
   * Older first: by creation time, then by name (the order in which a guest saw its disks plugged
   * in).
   */
  public static final Comparator<AttachmentObject> CREATION_ORDER =
      Comparator.comparing(AttachmentObject::creationTimestamp)
          .thenComparing(AttachmentObject::name);

  private AttachmentObject(JsonNode json) {
    super(json);
  }

  public static AttachmentObject of(JsonNode json) {
    return new AttachmentObject(json);
  }

  /** spec.virtualMachineName. */
  public String vmName() {
    return json.path("spec").path("virtualMachineName").asText();
  }

  /** spec.blockDeviceRef. */
  public DeviceRef device() {
    JsonNode ref = json.path("spec").path("blockDeviceRef");
    return new DeviceRef(ref.path("kind").asText(), ref.path("name").asText());
  }

  /** status.phase; empty before the attachment reconciler wrote one. */
  public String phase() {
    return statusText("phase");
  }

  /** status.phase as shown to users: Pending before the attachment reconciler wrote one. */
  public String shownPhase() {
    return phase().isEmpty() ? "Pending" : phase();
  }

  /** Refused (the disk is another's, or the agent refused): not its VM's device. */
  public boolean isFailed() {
    return "Failed".equals(phase());
  }

  /** Accepted by the attachment reconciler (a phase other than Failed) and not being deleted. */
  public boolean isAccepted() {
    return !phase().isEmpty() && !isFailed() && !deleting();
  }
}
