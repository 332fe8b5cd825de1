package io.vmconsole.controller.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentClients;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.core.NodeObject;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.vm.VirtualMachineStatus;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.cluster.ResourceCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The plumbing every reconciler shares: the accessors and caches, the agents, the event recorder.
 * What only one room needs (placement, a VM's facts) is handed to that room's reconcilers, so this
 * stays below every room.
 */
public final class ControllerContext {
  private final ClusterResources cluster;
  private final AgentClients agents;
  private final ResourceAccess vms;
  private final EventRecorder events;
  private final CachedObjects cached;
  private final AttachmentIndex attachmentIndex = new AttachmentIndex();

  public ControllerContext(ClusterResources cluster, AgentClients agents) {
    this.cluster = cluster;
    this.agents = agents;
    this.vms = cluster.access(Kind.VIRTUAL_MACHINE);
    this.events = new EventRecorder(cluster.access(Kind.EVENT), java.time.Clock.systemUTC());
    this.cached = new CachedObjects(cluster);
  }

  public ResourceAccess vms() {
    return vms;
  }

  /** The VM as the API has it now (not the cache). */
  /**
   * Writes the VM's status when it differs from the one the VM has.
   *
   * @return whether it wrote
   */
  public boolean writeVmStatus(VmObject vm, VirtualMachineStatus status) {
    return StatusJson.withStatus(vm, status).map(vms()::updateStatus).isPresent();
  }

  /**
   * Changes the VM's status from a fresh read, retrying lost races with other writers (the VM and
   * the migration reconcilers both write it).
   *
   * @param change the VM as it is now → its new status
   * @return the VM as stored after the change; empty when it is gone
   */
  public Optional<VmObject> modifyVmStatus(
      VmObject vm, Function<VmObject, VirtualMachineStatus> change) {
    return vms()
        .modifyStatus(
            vm.namespace(),
            vm.name(),
            current ->
                current.set(
                    "status", StatusJson.tree(change.apply(VmObject.of(current.deepCopy())))))
        .map(VmObject::of);
  }

  public Optional<VmObject> freshVm(String namespace, String name) {
    return vms.get(namespace, name).map(VmObject::of);
  }

  public ResourceAccess access(Kind kind) {
    return cluster.access(kind);
  }

  public ResourceCache cache(Kind kind) {
    return cluster.cache(kind);
  }

  public CachedObjects cached() {
    return cached;
  }

  public AgentClients agents() {
    return agents;
  }

  public EventRecorder events() {
    return events;
  }

  /**
   * Any agent that answers: the pool is shared, so any of them can create disks and import images.
   */
  public Optional<AgentClient> anyAgent() {
    for (NodeObject node : cached.nodes()) {
      Optional<AgentClient> agent = agents.forNode(node.name());
      if (agent.isPresent() && agent.get().healthy()) {
        return agent;
      }
    }
    return Optional.empty();
  }

  /** Kept by the controller from the vmbda informer. */
  public AttachmentIndex attachmentIndex() {
    return attachmentIndex;
  }

  /** The attachments (vmbda) that name the VM, whatever their phase. */
  public List<AttachmentObject> attachments(VmObject vm) {
    return attachmentObjects(attachmentIndex.ofVm(vm.namespace(), vm.name()));
  }

  /** The attachments (vmbda) that name the device, whatever their phase. */
  public List<AttachmentObject> attachmentsOf(DeviceRef device, String namespace) {
    return attachmentObjects(attachmentIndex.ofDevice(device, namespace));
  }

  private List<AttachmentObject> attachmentObjects(Set<String> keys) {
    List<AttachmentObject> found = new ArrayList<>();
    for (String key : keys) {
      cached.attachment(ObjectKeys.namespace(key), ObjectKeys.name(key)).ifPresent(found::add);
    }
    return found;
  }

  /** Creates a typed object (a fabric8 model or one of ours) of the kind. */
  public void create(Kind kind, HasMetadata object) {
    ObjectNode json = StatusJson.MAPPER.valueToTree(object);
    if (json.path("status").isNull()) {
      json.remove("status");
    }
    cluster.access(kind).create(json);
  }

  /**
   * Sets an annotation on the object as the API has it now, when {@code when} holds for that fresh
   * view; a lost race reads again.
   */
  public <T extends StoredObject> void annotateWhen(
      Kind kind,
      String namespace,
      String name,
      Function<JsonNode, T> view,
      Predicate<T> when,
      String key,
      String value) {
    access(kind)
        .modify(
            namespace,
            name,
            current -> {
              if (when.test(view.apply(current))) {
                current.with("metadata").with("annotations").put(key, value);
              }
            });
  }

  /** Replaces a Node's status conditions (embedded mode: the controller owns its Ready). */
  public void writeNodeConditions(NodeObject node, List<NodeCondition> conditions) {
    ObjectNode copy = node.json().deepCopy();
    copy.with("status").set("conditions", StatusJson.MAPPER.valueToTree(conditions));
    cluster.access(Kind.NODE).updateStatus(copy);
  }

  /** Changes the VM's annotations from a fresh read, retrying lost races. */
  public void annotate(StoredObject vm, AnnotationChanges changes) {
    vms.modify(vm.namespace(), vm.name(), current -> changes.applyTo(current)).orElseThrow();
  }

  /**
   * Claims the object for the controller in one write: our finalizer, so its deletion waits for us,
   * and the annotations the controller keeps on it from the start.
   */
  public void claim(
      Kind kind, StoredObject object, String finalizer, AnnotationChanges annotations) {
    access(kind)
        .modify(
            object.namespace(),
            object.name(),
            current -> {
              Finalizers.add(current, finalizer);
              annotations.applyTo(current);
            });
  }

  public void removeFinalizer(StoredObject vm) {
    removeFinalizer(Kind.VIRTUAL_MACHINE, vm, Annotations.FINALIZER);
  }

  /**
   * Adds the finalizer to the object as the API has it now, retrying lost races. An object already
   * being deleted takes no new finalizer (Kubernetes refuses it), and a gone one has none.
   *
   * @return whether the object now holds the finalizer: false when it is gone, or was being deleted
   *     without it
   */
  public boolean addFinalizer(Kind kind, StoredObject object, String finalizer) {
    return access(kind)
        .modify(
            object.namespace(),
            object.name(),
            current -> {
              if (!current.path("metadata").has("deletionTimestamp")) {
                Finalizers.add(current, finalizer);
              }
            })
        .filter(current -> Finalizers.has(current, finalizer))
        .isPresent();
  }

  /** Removes the finalizer from the object as the API has it now, retrying lost races. */
  public void removeFinalizer(Kind kind, StoredObject object, String finalizer) {
    access(kind)
        .modify(
            object.namespace(), object.name(), current -> Finalizers.remove(current, finalizer));
  }
}
