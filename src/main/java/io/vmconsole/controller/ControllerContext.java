package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentClients;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.PoolFile;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.core.NodeObject;
import io.vmconsole.api.core.SecretObject;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.disk.ImageObject;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.cluster.ResourceCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** What the reconcilers share: the accessors and caches, the agents, the event recorder. */
final class ControllerContext {
  private final ClusterResources cluster;
  private final AgentClients agents;
  private final ResourceAccess vms;
  private final EventRecorder events;
  private final VmNetworks networks;
  private final CachedObjects cached;
  private final Placements placements;
  private final AttachmentIndex attachmentIndex = new AttachmentIndex();

  ControllerContext(ClusterResources cluster, AgentClients agents, VmNetworks networks) {
    this.cluster = cluster;
    this.agents = agents;
    this.networks = networks;
    this.vms = cluster.access(Kind.VIRTUAL_MACHINE);
    this.events = new EventRecorder(cluster.access(Kind.EVENT));
    this.cached = new CachedObjects(cluster);
    this.placements = new Placements(cached, cluster.access(Kind.VIRTUAL_DISK));
  }

  ResourceAccess vms() {
    return vms;
  }

  /** The VM as the API has it now (not the cache). */
  Optional<VmObject> freshVm(String namespace, String name) {
    return vms.get(namespace, name).map(VmObject::of);
  }

  ResourceAccess access(Kind kind) {
    return cluster.access(kind);
  }

  ResourceCache cache(Kind kind) {
    return cluster.cache(kind);
  }

  CachedObjects cached() {
    return cached;
  }

  Placements placements() {
    return placements;
  }

  AgentClients agents() {
    return agents;
  }

  EventRecorder events() {
    return events;
  }

  /**
   * Any agent that answers: the pool is shared, so any of them can create disks and import images.
   */
  Optional<AgentClient> anyAgent() {
    for (NodeObject node : cached.nodes()) {
      Optional<AgentClient> agent = agents.forNode(node.name());
      if (agent.isPresent() && agent.get().healthy()) {
        return agent;
      }
    }
    return Optional.empty();
  }

  /**
   * What the VM's inputs are resolved from; {@code vm} null for facts of a namespace's devices
   * only.
   */
  VmInputs.Facts facts(VmObject vm) {
    return new VmInputs.Facts() {
      @Override
      public Optional<JsonNode> vmClass(String name) {
        return cached.vmClass(name);
      }

      @Override
      public Optional<DiskObject> disk(String namespace, String name) {
        return cached.disk(namespace, name);
      }

      @Override
      public Optional<ImageObject> image(DeviceRef ref, String namespace) {
        return cached.image(ref, namespace);
      }

      @Override
      public Optional<SecretObject> secret(String namespace, String name) {
        return cached.secret(namespace, name);
      }

      @Override
      public Optional<PoolFile> poolFile(String collection, String uid) {
        try {
          return anyAgent().flatMap(a -> a.poolFile(collection, uid));
        } catch (AgentException e) {
          return Optional.empty();
        }
      }

      @Override
      public Optional<PoolFile> poolFile(String collection, String uid, String node) {
        if (node == null) {
          return poolFile(collection, uid);
        }
        try {
          return agents.forNode(node).flatMap(a -> a.poolFile(collection, uid));
        } catch (AgentException e) {
          return Optional.empty();
        }
      }

      @Override
      public VmNetwork network() {
        return networks.network(vm);
      }

      @Override
      public List<AttachmentObject> attachments() {
        return ControllerContext.this.attachments(vm);
      }
    };
  }

  /** Kept by the controller from the vmbda informer. */
  AttachmentIndex attachmentIndex() {
    return attachmentIndex;
  }

  /** The attachments (vmbda) that name the VM, whatever their phase. */
  List<AttachmentObject> attachments(VmObject vm) {
    return attachmentObjects(attachmentIndex.ofVm(vm.namespace(), vm.name()));
  }

  /** The attachments (vmbda) that name the device, whatever their phase. */
  List<AttachmentObject> attachmentsOf(DeviceRef device, String namespace) {
    return attachmentObjects(attachmentIndex.ofDevice(device, namespace));
  }

  private List<AttachmentObject> attachmentObjects(Set<String> keys) {
    List<AttachmentObject> found = new ArrayList<>();
    for (String key : keys) {
      cached.attachment(Controller.ns(key), Controller.name(key)).ifPresent(found::add);
    }
    return found;
  }

  /** Changes the VM's annotations from a fresh read, retrying lost races. */
  void annotate(StoredObject vm, Consumer<ObjectNode> change) {
    vms.modify(
            vm.namespace(),
            vm.name(),
            current -> change.accept(current.with("metadata").with("annotations")))
        .orElseThrow();
  }

  void removeFinalizer(StoredObject vm) {
    vms.modify(
        vm.namespace(), vm.name(), current -> Finalizers.remove(current, Annotations.FINALIZER));
  }
}
