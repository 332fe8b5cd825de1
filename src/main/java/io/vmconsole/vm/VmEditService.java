package io.vmconsole.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionRequest;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.api.change.ClassifiedChange;
import io.vmconsole.api.change.VmChanges;
import io.vmconsole.api.validation.SizingPolicies;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.provisioning.ProvisioningSecretService;
import io.vmconsole.provisioning.ProvisioningTypes;
import io.vmconsole.security.Access;
import io.vmconsole.vm.edit.FieldMerge;
import io.vmconsole.vm.edit.FieldPath;
import io.vmconsole.vm.edit.PendingRevert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Writes VMs for the screens: create, save an edit (merged field by field with whatever changed
 * since the form was loaded), delete, revert pending changes, switch to automatic approval. Every
 * write passes the one admission module first, so the form, the YAML tab and the API refuse the
 * same input with the same words, and nothing is written when they refuse. Every write is audited.
 */
public class VmEditService {
  /**
   * Writes that lost a race with the controller's status writes (which bump the resourceVersion)
   * merge again from a fresh read; the controller writes often while a VM starts, so allow many
   * rounds.
   */
  private final ResourceAccess vms;

  private final ResourceAccess disks;
  private final Function<String, Optional<JsonNode>> classes;
  private final java.util.function.Supplier<List<String>> classList;
  private final Admission admission;
  private final Access access;
  private final AuditLog audit;
  private final ProvisioningSecretService secrets;

  VmEditService(
      ResourceAccess vms,
      ResourceAccess disks,
      Function<String, Optional<JsonNode>> classes,
      java.util.function.Supplier<List<String>> classList,
      Admission admission,
      Access access,
      AuditLog audit,
      ProvisioningSecretService secrets) {
    this.vms = vms;
    this.secrets = secrets;
    this.disks = disks;
    this.classes = classes;
    this.classList = classList;
    this.admission = admission;
    this.access = access;
    this.audit = audit;
  }

  /**
   * The outcome of a save: stored, or refused because fields the user changed were changed
   * meanwhile.
   */
  public record SaveResult(ObjectNode stored, List<FieldMerge.Conflict> conflicts) {
    public boolean saved() {
      return conflicts.isEmpty();
    }
  }

  /** The classes a VM may name, for the form's class picker. */
  @PreAuthorize("@access.isSignedIn()")
  public List<String> classNames() {
    return classList.get();
  }

  /**
   * The core fractions the class allows at this many cores (empty: any), as validation checks them.
   */
  @PreAuthorize("@access.isSignedIn()")
  public List<String> coreFractions(String className, int cores) {
    return classes
        .apply(className)
        .map(c -> SizingPolicies.coreFractions(SizingPolicies.forCores(c, cores)))
        .orElse(List.of());
  }

  /** The class's sizing policy for this many cores, in words, shown beside the class. */
  @PreAuthorize("@access.isSignedIn()")
  public String sizingPolicy(String className, int cores) {
    JsonNode policy =
        classes.apply(className).map(c -> SizingPolicies.forCores(c, cores)).orElse(null);
    if (policy == null) {
      return className == null || className.isBlank()
          ? ""
          : "no sizing policy of " + className + " covers " + cores + " cores";
    }
    JsonNode c = policy.path("cores");
    JsonNode m = policy.path("memory");
    return "cores "
        + c.path("min").asText("1")
        + "–"
        + c.path("max").asText("?")
        + (m.isMissingNode()
            ? ""
            : ", memory " + m.path("min").asText("?") + "–" + m.path("max").asText("?"))
        + ", core fractions "
        + String.join(", ", SizingPolicies.coreFractions(policy));
  }

  /** The VM as stored now, the base of an edit. */
  @PreAuthorize("@access.canOperate(#namespace)")
  public Optional<ObjectNode> load(String namespace, String name) {
    return vms.get(namespace, name);
  }

  /**
   * The broken rules of a VM as it would be created (current null) or updated; nothing is written.
   */
  @PreAuthorize("@access.isSignedIn()")
  public List<FieldError> check(ObjectNode vm, ObjectNode current) {
    return review(vm, current).errors();
  }

  /**
   * Each changed field of an edit, with "applies now" or "needs restart" from the one change table.
   */
  @PreAuthorize("@access.isSignedIn()")
  public List<ClassifiedChange> preview(JsonNode current, JsonNode edited) {
    return VmChanges.classify(current, edited, vmClass(edited).orElse(null));
  }

  @PreAuthorize("@access.canOperate(#vm.path('metadata').path('namespace').asText())")
  public ObjectNode create(ObjectNode vm) {
    return create(vm, List.of(), null);
  }

  /**
   * Creates the VM and the new disks it refers to. Everything is checked before anything is
   * written, so a refused VM leaves no disk behind; disks it no longer refers to are not made. A
   * template's cloud-init goes into the cloud-init Secret the VM names, unless that Secret exists.
   */
  @PreAuthorize("@access.canOperate(#vm.path('metadata').path('namespace').asText())")
  public ObjectNode create(ObjectNode vm, List<NewDisk> newDisks, String cloudInit) {
    String namespace = vm.path("metadata").path("namespace").asText();
    String name = vm.path("metadata").path("name").asText();
    // The form and a YAML without them mean a VirtualMachine; a YAML naming another kind is refused
    // below.
    if (!vm.has("apiVersion")) {
      vm.put("apiVersion", "virtualization.deckhouse.io/v1alpha2");
    }
    if (!vm.has("kind")) {
      vm.put("kind", "VirtualMachine");
    }
    List<FieldError> errors = new ArrayList<>(review(vm, null).errors());
    if (!"VirtualMachine".equals(vm.path("kind").asText())
        || !"virtualization.deckhouse.io/v1alpha2".equals(vm.path("apiVersion").asText())) {
      errors.add(
          new FieldError("kind", "must be VirtualMachine of virtualization.deckhouse.io/v1alpha2"));
    }
    if (errors.isEmpty() && vms.get(namespace, name).isPresent()) {
      errors.add(
          new FieldError(
              "metadata.name", "must be unique: a VirtualMachine named " + name + " exists"));
    }
    List<ObjectNode> disks = new ArrayList<>();
    for (NewDisk d : newDisks) {
      if (!refersTo(vm, d.name())) {
        continue;
      }
      ObjectNode disk = disk(namespace, d);
      List<FieldError> diskErrors =
          admission
              .review(
                  new AdmissionRequest(
                      AdmissionRequest.Operation.CREATE,
                      "virtualization.deckhouse.io",
                      "v1alpha2",
                      "VirtualDisk",
                      namespace,
                      d.name(),
                      null,
                      disk,
                      null))
              .errors();
      diskErrors.forEach(
          e -> errors.add(new FieldError("VirtualDisk " + d.name() + " " + e.field(), e.rule())));
      if (diskErrors.isEmpty() && this.disks.get(namespace, d.name()).isEmpty()) {
        disks.add(disk);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Optional<String> secret =
        VmObject.of(vm)
            .provisioning()
            .filter(p -> "UserDataRef".equals(p.type()) && p.secretName() != null)
            .map(VmObject.Provisioning::secretName)
            .filter(s -> cloudInit != null && !secrets.exists(namespace, s));
    if (secret.isPresent()) {
      secrets.save(
          namespace, secret.get(), ProvisioningTypes.CLOUD_INIT, Map.of("userData", cloudInit));
    }
    for (ObjectNode disk : disks) {
      this.disks.create(disk);
      audit.record(
          access.currentUsername(),
          "disk.create",
          "VirtualDisk " + namespace + "/" + disk.path("metadata").path("name").asText(),
          Map.of("namespace", namespace));
    }
    ObjectNode stored = vms.create(vm);
    audit.record(
        access.currentUsername(),
        "vm.create",
        target(namespace, name),
        Map.of("namespace", namespace));
    return stored;
  }

  /**
   * Saves an edit: the fields the user changed from base are written onto the VM as stored now. It
   * is refused only when one of those fields was also changed by someone else since base; status
   * updates never count. The write carries the stored resourceVersion, and a lost race merges
   * again.
   */
  @PreAuthorize("@access.canOperate(#namespace)")
  public SaveResult save(String namespace, String name, ObjectNode base, ObjectNode edited) {
    Map<FieldPath, JsonNode> mine = FieldMerge.changes(base, edited);
    return ResourceAccess.retryOnConflict(
        () -> {
          ObjectNode current =
              vms.get(namespace, name)
                  .orElseThrow(
                      () ->
                          new InvalidInputException(
                              "metadata.name", "VirtualMachine " + name + " no longer exists"));
          List<FieldMerge.Conflict> conflicts = FieldMerge.conflicts(base, current, edited);
          if (!conflicts.isEmpty()) {
            return new SaveResult(current, conflicts);
          }
          ObjectNode merged = FieldMerge.apply(current, mine);
          List<FieldError> errors = review(merged, current).errors();
          if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
          }
          if (mine.isEmpty()) {
            return new SaveResult(current, List.of());
          }
          ObjectNode stored = vms.update(merged);
          audit.record(
              access.currentUsername(),
              "vm.update",
              target(namespace, name),
              Map.of(
                  "namespace",
                  namespace,
                  "fields",
                  String.join(", ", mine.keySet().stream().map(FieldPath::toString).toList())));
          return new SaveResult(stored, List.of());
        });
  }

  /** Deletes the VM object; its disks stay, its automatic IP goes with it (owned by the VM). */
  @PreAuthorize("@access.canOperate(#namespace)")
  public void delete(String namespace, String name) {
    vms.delete(namespace, name);
    audit.record(
        access.currentUsername(),
        "vm.delete",
        target(namespace, name),
        Map.of("namespace", namespace));
  }

  /**
   * Writes the running values of every restart-awaiting field back, so nothing waits for a restart.
   */
  @PreAuthorize("@access.canOperate(#namespace)")
  public void revertPending(String namespace, String name) {
    write(
        namespace,
        name,
        vm -> PendingRevert.revert(vm, vm.path("status").path("restartAwaitingChanges")),
        "vm.revert-pending");
  }

  /**
   * restartApprovalMode Automatic: the controller restarts the VM itself to apply pending changes.
   */
  @PreAuthorize("@access.canOperate(#namespace)")
  public void switchToAutomatic(String namespace, String name) {
    write(
        namespace,
        name,
        vm -> {
          ObjectNode copy = vm.deepCopy();
          copy.with("spec").with("disruptions").put("restartApprovalMode", "Automatic");
          return copy;
        },
        "vm.approve-automatic");
  }

  private void write(
      String namespace,
      String name,
      java.util.function.UnaryOperator<ObjectNode> change,
      String action) {
    ResourceAccess.retryOnConflict(
        () -> {
          ObjectNode current =
              vms.get(namespace, name)
                  .orElseThrow(
                      () ->
                          new InvalidInputException(
                              "metadata.name", "VirtualMachine " + name + " no longer exists"));
          ObjectNode next = change.apply(current);
          List<FieldError> errors = review(next, current).errors();
          if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
          }
          vms.update(next);
          audit.record(
              access.currentUsername(),
              action,
              target(namespace, name),
              Map.of("namespace", namespace));
          return null;
        });
  }

  private io.vmconsole.api.admission.AdmissionResult review(ObjectNode vm, ObjectNode current) {
    return admission.review(
        new AdmissionRequest(
            current == null ? AdmissionRequest.Operation.CREATE : AdmissionRequest.Operation.UPDATE,
            "virtualization.deckhouse.io",
            "v1alpha2",
            "VirtualMachine",
            vm.path("metadata").path("namespace").asText(null),
            vm.path("metadata").path("name").asText(null),
            current,
            vm,
            null));
  }

  private static boolean refersTo(JsonNode vm, String disk) {
    for (JsonNode ref : vm.path("spec").path("blockDeviceRefs")) {
      if ("VirtualDisk".equals(ref.path("kind").asText())
          && disk.equals(ref.path("name").asText())) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode disk(String namespace, NewDisk d) {
    ObjectNode disk = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    disk.put("apiVersion", "virtualization.deckhouse.io/v1alpha2").put("kind", "VirtualDisk");
    disk.putObject("metadata").put("namespace", namespace).put("name", d.name());
    ObjectNode spec = disk.putObject("spec");
    spec.putObject("dataSource")
        .put("type", "ObjectRef")
        .putObject("objectRef")
        .put("kind", d.imageKind())
        .put("name", d.imageName());
    if (d.size() != null && !d.size().isBlank()) {
      spec.putObject("persistentVolumeClaim").put("size", d.size().trim());
    }
    return disk;
  }

  private Optional<JsonNode> vmClass(JsonNode vm) {
    String name = vm.path("spec").path("virtualMachineClassName").asText("");
    return name.isEmpty() ? Optional.empty() : classes.apply(name);
  }

  static String target(String namespace, String name) {
    return "VirtualMachine " + namespace + "/" + name;
  }
}
