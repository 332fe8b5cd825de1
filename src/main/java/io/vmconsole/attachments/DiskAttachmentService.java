package io.vmconsole.attachments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionRequest;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.cluster.ResourceCache;
import io.vmconsole.security.Access;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Hot-plugging disks into running VMs the seed's way: attaching writes a
 * VirtualMachineBlockDeviceAttachment (vmbda), detaching deletes it; the controller does the rest
 * and the VM page follows the phase from the caches.
 */
public class DiskAttachmentService {
  private static final String API_VERSION = "virtualization.deckhouse.io/v1alpha2";
  private final ResourceAccess attachments;
  private final ResourceAccess diskWrites;
  private final ResourceCache attachmentCache;
  private final ResourceCache vms;
  private final ResourceCache disks;
  private final ResourceCache images;
  private final ResourceCache clusterImages;
  private final Admission admission;
  private final Access access;
  private final AuditLog audit;

  DiskAttachmentService(
      ResourceAccess attachments,
      ResourceAccess diskWrites,
      ResourceCache attachmentCache,
      ResourceCache vms,
      ResourceCache disks,
      ResourceCache images,
      ResourceCache clusterImages,
      Admission admission,
      Access access,
      AuditLog audit) {
    this.attachments = attachments;
    this.diskWrites = diskWrites;
    this.attachmentCache = attachmentCache;
    this.vms = vms;
    this.disks = disks;
    this.images = images;
    this.clusterImages = clusterImages;
    this.admission = admission;
    this.access = access;
    this.audit = audit;
  }

  /**
   * What "Attach" offers: a free Ready disk, or a Ready image (read-only, so any number of VMs may
   * have it).
   */
  public record Attachable(String kind, String name) {
    public String label() {
      return kind + " " + name;
    }
  }

  /** The VM's devices: its spec's, then the hot-plugged ones, each attachment with its phase. */
  @PreAuthorize("@access.isSignedIn()")
  public List<DiskRow> disks(String namespace, String vmName) {
    if (!access.canRead(namespace)) {
      return List.of();
    }
    Optional<ObjectNode> vm = vms.getJson(namespace, vmName);
    List<ObjectNode> own = attachmentsOf(namespace, vmName);
    List<DiskRow> rows = new ArrayList<>();
    Set<String> shown = new HashSet<>();
    for (JsonNode ref :
        vm.map(v -> v.path("status").path("blockDeviceRefs"))
            .orElse(JsonNodeFactory.instance.arrayNode())) {
      String attachment = ref.path("virtualMachineBlockDeviceAttachmentName").asText(null);
      Optional<ObjectNode> vmbda = own.stream().filter(a -> name(a).equals(attachment)).findFirst();
      shown.add(attachment);
      rows.add(
          new DiskRow(
              ref.path("kind").asText(),
              ref.path("name").asText(),
              ref.path("size").asText(""),
              ref.path("target").asText(""),
              ref.path("attached").asBoolean(false),
              ref.path("hotplugged").asBoolean(false),
              attachment,
              vmbda.map(v -> AttachmentObject.of(v).shownPhase()).orElse(""),
              vmbda.map(v -> AttachmentObject.of(v).falseConditionMessage()).orElse("")));
    }
    // Attachments the VM does not show (refused ones, or not yet seen by the controller).
    for (ObjectNode vmbda : own) {
      if (!shown.contains(name(vmbda))) {
        JsonNode ref = vmbda.path("spec").path("blockDeviceRef");
        rows.add(
            new DiskRow(
                ref.path("kind").asText(),
                ref.path("name").asText(),
                "",
                "",
                false,
                true,
                name(vmbda),
                AttachmentObject.of(vmbda).shownPhase(),
                AttachmentObject.of(vmbda).falseConditionMessage()));
      }
    }
    return rows;
  }

  /**
   * The namespace's Ready VirtualDisks no VM uses and no attachment names: what "Attach disk"
   * offers.
   */
  @PreAuthorize("@access.isSignedIn()")
  public List<String> attachableDisks(String namespace) {
    if (!access.canRead(namespace)) {
      return List.of();
    }
    Set<String> taken = new HashSet<>();
    for (ObjectNode vmbda : attachmentCache.listJson()) {
      if (namespace.equals(vmbda.path("metadata").path("namespace").asText())
          && vmbda
              .path("spec")
              .path("blockDeviceRef")
              .path("kind")
              .asText()
              .equals("VirtualDisk")) {
        taken.add(vmbda.path("spec").path("blockDeviceRef").path("name").asText());
      }
    }
    for (ObjectNode vm : vms.listJson()) {
      if (namespace.equals(vm.path("metadata").path("namespace").asText())) {
        for (JsonNode ref : vm.path("spec").path("blockDeviceRefs")) {
          if (ref.path("kind").asText().equals("VirtualDisk")) {
            taken.add(ref.path("name").asText());
          }
        }
      }
    }
    return disks.listJson().stream()
        .filter(d -> namespace.equals(d.path("metadata").path("namespace").asText()))
        .filter(d -> d.path("status").path("phase").asText().equals("Ready"))
        .filter(d -> d.path("status").path("attachedToVirtualMachines").isEmpty())
        .map(DiskAttachmentService::name)
        .filter(n -> !taken.contains(n))
        .sorted()
        .toList();
  }

  /**
   * Free Ready disks of the namespace, then the Ready images (of the namespace, then cluster-wide)
   * the VM does not have yet.
   */
  @PreAuthorize("@access.isSignedIn()")
  public List<Attachable> attachable(String namespace, String vmName) {
    if (!access.canRead(namespace)) {
      return List.of();
    }
    List<Attachable> out = new ArrayList<>();
    attachableDisks(namespace).forEach(d -> out.add(new Attachable("VirtualDisk", d)));
    Set<String> has = new HashSet<>();
    vms.getJson(namespace, vmName)
        .ifPresent(
            vm ->
                vm.path("spec")
                    .path("blockDeviceRefs")
                    .forEach(
                        ref ->
                            has.add(ref.path("kind").asText() + "/" + ref.path("name").asText())));
    attachmentsOf(namespace, vmName)
        .forEach(
            a ->
                has.add(
                    a.path("spec").path("blockDeviceRef").path("kind").asText()
                        + "/"
                        + a.path("spec").path("blockDeviceRef").path("name").asText()));
    images.listJson().stream()
        .filter(i -> namespace.equals(i.path("metadata").path("namespace").asText()))
        .filter(DiskAttachmentService::ready)
        .map(DiskAttachmentService::name)
        .sorted()
        .filter(n -> !has.contains("VirtualImage/" + n))
        .forEach(n -> out.add(new Attachable("VirtualImage", n)));
    clusterImages.listJson().stream()
        .filter(DiskAttachmentService::ready)
        .map(DiskAttachmentService::name)
        .sorted()
        .filter(n -> !has.contains("ClusterVirtualImage/" + n))
        .forEach(n -> out.add(new Attachable("ClusterVirtualImage", n)));
    return out;
  }

  /** Creates the vmbda that hot-plugs the disk or image into the VM and answers its name. */
  @PreAuthorize("@access.canOperate(#namespace)")
  public String attach(String namespace, String vmName, Attachable device) {
    requireVm(namespace, vmName);
    if (device == null) {
      throw new InvalidInputException(
          "spec.blockDeviceRef.name", "is required: pick a disk or an image");
    }
    if (!attachable(namespace, vmName).contains(device)) {
      throw new InvalidInputException(
          "spec.blockDeviceRef.name",
          device.label()
              + " is not a Ready "
              + (device.kind().equals("VirtualDisk")
                  ? "disk of " + namespace + " that no VM uses"
                  : "image that " + vmName + " does not have yet"));
    }
    ObjectNode vmbda = vmbda(namespace, vmName, device);
    review(vmbda);
    attachments.create(vmbda);
    audited(namespace, vmName, vmbda);
    return name(vmbda);
  }

  /**
   * Creates a blank VirtualDisk of the size and the vmbda that hot-plugs it once it is Ready. Both
   * are checked before either is written; the disk is deleted again if the attachment cannot be
   * written.
   */
  @PreAuthorize("@access.canOperate(#namespace)")
  public String attachNewBlankDisk(String namespace, String vmName, String diskName, String size) {
    requireVm(namespace, vmName);
    ObjectNode disk = JsonNodeFactory.instance.objectNode();
    disk.put("apiVersion", API_VERSION).put("kind", "VirtualDisk");
    disk.putObject("metadata")
        .put("namespace", namespace)
        .put("name", diskName == null ? "" : diskName.trim());
    disk.putObject("spec")
        .putObject("persistentVolumeClaim")
        .put("size", size == null ? "" : size.trim());
    List<FieldError> errors =
        new ArrayList<>(
            admission
                .review(
                    new AdmissionRequest(
                        AdmissionRequest.Operation.CREATE,
                        "virtualization.deckhouse.io",
                        "v1alpha2",
                        "VirtualDisk",
                        namespace,
                        name(disk),
                        null,
                        disk,
                        null))
                .errors());
    if (errors.isEmpty() && disks.getJson(namespace, name(disk)).isPresent()) {
      errors.add(
          new FieldError(
              "metadata.name", "VirtualDisk " + name(disk) + " already exists in " + namespace));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    ObjectNode vmbda = vmbda(namespace, vmName, new Attachable("VirtualDisk", name(disk)));
    review(vmbda);
    diskWrites.create(disk);
    try {
      attachments.create(vmbda);
    } catch (RuntimeException e) {
      diskWrites.delete(namespace, name(disk));
      throw e;
    }
    audit.record(
        access.currentUsername(),
        "vd.create",
        "VirtualDisk " + namespace + "/" + name(disk),
        Map.of(
            "namespace",
            namespace,
            "size",
            disk.path("spec").path("persistentVolumeClaim").path("size").asText()));
    audited(namespace, vmName, vmbda);
    return name(vmbda);
  }

  private void requireVm(String namespace, String vmName) {
    if (vms.getJson(namespace, vmName).isEmpty()) {
      throw new InvalidInputException(
          "spec.virtualMachineName", "VirtualMachine " + vmName + " does not exist");
    }
  }

  private static ObjectNode vmbda(String namespace, String vmName, Attachable device) {
    ObjectNode vmbda = JsonNodeFactory.instance.objectNode();
    vmbda.put("apiVersion", API_VERSION).put("kind", "VirtualMachineBlockDeviceAttachment");
    vmbda
        .putObject("metadata")
        .put("namespace", namespace)
        .put("name", attachmentName(vmName, device.name()));
    ObjectNode spec = vmbda.putObject("spec").put("virtualMachineName", vmName);
    spec.putObject("blockDeviceRef").put("kind", device.kind()).put("name", device.name());
    return vmbda;
  }

  private void review(ObjectNode vmbda) {
    List<FieldError> errors =
        admission
            .review(
                new AdmissionRequest(
                    AdmissionRequest.Operation.CREATE,
                    "virtualization.deckhouse.io",
                    "v1alpha2",
                    "VirtualMachineBlockDeviceAttachment",
                    vmbda.path("metadata").path("namespace").asText(),
                    name(vmbda),
                    null,
                    vmbda,
                    null))
            .errors();
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  private void audited(String namespace, String vmName, ObjectNode vmbda) {
    JsonNode ref = vmbda.path("spec").path("blockDeviceRef");
    audit.record(
        access.currentUsername(),
        "vmbda.attach",
        "VirtualMachine " + namespace + "/" + vmName,
        Map.of(
            "namespace",
            namespace,
            "attachment",
            name(vmbda),
            "kind",
            ref.path("kind").asText(),
            "disk",
            ref.path("name").asText()));
  }

  private static boolean ready(JsonNode object) {
    return object.path("status").path("phase").asText().equals("Ready");
  }

  /** Deletes the attachment: the controller unplugs the disk, then the object goes. */
  @PreAuthorize("@access.canOperate(#namespace)")
  public void detach(String namespace, String attachment) {
    ObjectNode vmbda =
        attachmentCache
            .getJson(namespace, attachment)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "metadata.name",
                        "VirtualMachineBlockDeviceAttachment " + attachment + " does not exist"));
    attachments.delete(namespace, attachment);
    audit.record(
        access.currentUsername(),
        "vmbda.detach",
        "VirtualMachine "
            + namespace
            + "/"
            + vmbda.path("spec").path("virtualMachineName").asText(),
        Map.of("namespace", namespace, "attachment", attachment));
  }

  /** Calls the listener with "namespace/vmName" when an attachment of that VM changes. */
  @PreAuthorize("@access.isSignedIn()")
  public Runnable subscribe(Consumer<String> listener) {
    return attachmentCache.addJsonListener(
        a ->
            listener.accept(
                a.path("metadata").path("namespace").asText()
                    + "/"
                    + a.path("spec").path("virtualMachineName").asText()));
  }

  /** "vm-disk", cut to a valid name length (the disk's name alone when the pair is too long). */
  static String attachmentName(String vmName, String diskName) {
    String name = vmName + "-" + diskName;
    return name.length() <= 253 ? name : diskName;
  }

  private List<ObjectNode> attachmentsOf(String namespace, String vmName) {
    return attachmentCache.listJson().stream()
        .filter(a -> namespace.equals(a.path("metadata").path("namespace").asText()))
        .filter(a -> vmName.equals(a.path("spec").path("virtualMachineName").asText()))
        .toList();
  }

  private static String name(JsonNode obj) {
    return obj.path("metadata").path("name").asText();
  }
}
