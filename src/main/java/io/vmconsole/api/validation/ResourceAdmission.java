package io.vmconsole.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionRequest;
import io.vmconsole.api.admission.AdmissionRequest.Operation;
import io.vmconsole.api.admission.AdmissionResult;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.api.vm.VirtualMachine;
import java.util.List;
import java.util.Map;

/**
 * Defaulting and validation of every kind of this API, on the raw JSON so that the API server and
 * the console's services share one set of rules and messages. Kinds it does not know (Secrets, core
 * kinds but for a Namespace's name) pass unchanged, and so do status writes: the spec rules guard
 * what users write, and status belongs to the controllers.
 */
public final class ResourceAdmission implements Admission {

  private static final String VIRTUALIZATION = "virtualization.deckhouse.io";

  private final Map<String, KindRules> rules;
  private final Map<String, String> groups;

  /** Without cluster facts: the rules that need other objects are skipped. */
  public ResourceAdmission() {
    this(null);
  }

  /**
   * @param facts lookups of other objects, or null to skip the rules that need them
   */
  public ResourceAdmission(ClusterFacts facts) {
    this.rules =
        Map.ofEntries(
            Map.entry("VirtualMachine", new VirtualMachineRules(facts)),
            Map.entry("VirtualMachineOperation", new OperationRules()),
            Map.entry("VirtualMachineIPAddress", new IpAddressRules(facts)),
            Map.entry("VirtualMachineIPAddressLease", new IpLeaseRules()),
            Map.entry("VirtualMachineBlockDeviceAttachment", new AttachmentRules()),
            Map.entry("VirtualDisk", new DiskRules()),
            Map.entry("VirtualImage", ImageRules.virtualImage()),
            Map.entry("ClusterVirtualImage", ImageRules.clusterVirtualImage()),
            Map.entry("VirtualMachineClass", new VirtualMachineClassRules()),
            Map.entry("ModuleConfig", new ModuleConfigRules(facts)),
            Map.entry("Namespace", new NamespaceRules()));
    this.groups = Map.of("ModuleConfig", "deckhouse.io");
  }

  @Override
  public AdmissionResult review(AdmissionRequest request) {
    KindRules kind = rules.get(request.kind());
    boolean ours =
        kind != null
            && (request.group() == null
                || request.group().isEmpty()
                || request.group().equals(groups.getOrDefault(request.kind(), VIRTUALIZATION)));
    if (!ours || "status".equals(request.subresource())) {
      return AdmissionResult.allowed(request.object());
    }
    ObjectNode object = request.object().deepCopy();
    kind.applyDefaults(object);
    Errors errors = new Errors();
    ObjectNode old = request.operation() == Operation.UPDATE ? request.oldObject() : null;
    kind.validate(object, old, errors);
    return errors.isEmpty()
        ? AdmissionResult.allowed(object, errors.warnings())
        : AdmissionResult.denied(errors.list());
  }

  /** The broken rules of a typed VM the console is about to create. */
  public List<FieldError> validate(VirtualMachine vm) {
    return validate(vm, null);
  }

  /** The broken rules of a typed object the console is about to create. */
  public List<FieldError> validate(HasMetadata resource) {
    return validate(resource, null);
  }

  /**
   * The broken rules of a typed object the console is about to write.
   *
   * @param old the stored object for an update, null for a create
   */
  public List<FieldError> validate(HasMetadata resource, HasMetadata old) {
    return review(request(resource, old)).errors();
  }

  /** The object with its defaults applied, as the server would store it. */
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> T withDefaults(T resource) {
    ObjectNode object = toJson(resource);
    KindRules kind = rules.get(resource.getKind());
    if (kind != null) {
      kind.applyDefaults(object);
    }
    return (T) Serialization.jsonMapper().convertValue(object, resource.getClass());
  }

  private static AdmissionRequest request(HasMetadata resource, HasMetadata old) {
    String apiVersion = resource.getApiVersion() == null ? "" : resource.getApiVersion();
    int slash = apiVersion.indexOf('/');
    return new AdmissionRequest(
        old == null ? Operation.CREATE : Operation.UPDATE,
        slash < 0 ? "" : apiVersion.substring(0, slash),
        apiVersion.substring(slash + 1),
        resource.getKind(),
        resource.getMetadata() == null ? null : resource.getMetadata().getNamespace(),
        resource.getMetadata() == null ? null : resource.getMetadata().getName(),
        old == null ? null : toJson(old),
        toJson(resource),
        null);
  }

  private static ObjectNode toJson(HasMetadata resource) {
    return Serialization.jsonMapper().valueToTree(resource);
  }
}
