package io.vmconsole.controller;

import io.vmconsole.api.vm.VmObject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentClients;
import io.vmconsole.agent.AgentException;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.cluster.ResourceCache;
import io.vmconsole.cluster.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What the reconcilers share: the accessors and caches, the agents, the event recorder. */
final class ControllerContext {
  private final ClusterResources cluster;
  private final AgentClients agents;
  private final ResourceAccess vms;
  private final EventRecorder events;
  private final VmNetworks networks;
  private final AttachmentIndex attachmentIndex = new AttachmentIndex();

  ControllerContext(ClusterResources cluster, AgentClients agents, VmNetworks networks) {
    this.cluster = cluster;
    this.agents = agents;
    this.networks = networks;
    this.vms = cluster.access(Kind.VIRTUAL_MACHINE);
    this.events = new EventRecorder(cluster.access(Kind.EVENT));
  }

  ResourceAccess vms() {
    return vms;
  }

  ResourceAccess access(Kind kind) {
    return cluster.access(kind);
  }

  ResourceCache cache(Kind kind) {
    return cluster.cache(kind);
  }

  AgentClients agents() {
    return agents;
  }

  EventRecorder events() {
    return events;
  }

  /** Any agent that answers: the pool is shared, so any of them can create disks and import images. */
  Optional<AgentClient> anyAgent() {
    for (ObjectNode node : cache(Kind.NODE).listJson()) {
      Optional<AgentClient> agent = agents.forNode(node.path("metadata").path("name").asText());
      if (agent.isPresent() && agent.get().healthy()) {
        return agent;
      }
    }
    return Optional.empty();
  }

  VmInputs.Facts facts(JsonNode vm) {
    return new VmInputs.Facts() {
      @Override
      public Optional<JsonNode> vmClass(String name) {
        return cache(Kind.VIRTUAL_MACHINE_CLASS).getJson(null, name).map(n -> n);
      }

      @Override
      public Optional<JsonNode> object(String kind, String namespace, String name) {
        return switch (kind) {
          case "VirtualDisk" -> cache(Kind.VIRTUAL_DISK).getJson(namespace, name).map(n -> n);
          case "VirtualImage" -> cache(Kind.VIRTUAL_IMAGE).getJson(namespace, name).map(n -> n);
          case "ClusterVirtualImage" -> cache(Kind.CLUSTER_VIRTUAL_IMAGE).getJson(null, name).map(n -> n);
          default -> Optional.empty();
        };
      }

      @Override
      public Optional<JsonNode> secret(String namespace, String name) {
        return cache(Kind.SECRET).getJson(namespace, name).map(n -> n);
      }

      @Override
      public Optional<JsonNode> poolFile(String collection, String uid) {
        try {
          return anyAgent().flatMap(a -> a.storageObject(collection, uid));
        } catch (AgentException e) {
          return Optional.empty();
        }
      }

      @Override
      public Optional<JsonNode> poolFile(String collection, String uid, String node) {
        if (node == null) {
          return poolFile(collection, uid);
        }
        try {
          return agents.forNode(node).flatMap(a -> a.storageObject(collection, uid));
        } catch (AgentException e) {
          return Optional.empty();
        }
      }

      @Override
      public VmNetwork network() {
        return networks.network(vm);
      }

      @Override
      public List<ObjectNode> attachments() {
        return ControllerContext.this.attachments(vm);
      }
    };
  }

  /** Kept by the controller from the vmbda informer. */
  AttachmentIndex attachmentIndex() {
    return attachmentIndex;
  }

  /** The attachments (vmbda) that name the VM, whatever their phase. */
  List<ObjectNode> attachments(JsonNode vm) {
    return attachmentObjects(attachmentIndex.ofVm(vm.path("metadata").path("namespace").asText(),
        vm.path("metadata").path("name").asText()));
  }

  /** The attachments (vmbda) that name the device, whatever their phase. */
  List<ObjectNode> attachmentsOf(String kind, String namespace, String name) {
    return attachmentObjects(attachmentIndex.ofDevice(kind, namespace, name));
  }

  private List<ObjectNode> attachmentObjects(java.util.Set<String> keys) {
    List<ObjectNode> found = new ArrayList<>();
    ResourceCache cache = cache(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT);
    for (String key : keys) {
      cache.getJson(Controller.ns(key), Controller.name(key)).ifPresent(found::add);
    }
    return found;
  }

  /** The scheduler's view of the cluster for one VM. */
  Scheduler.Placement place(JsonNode vm) {
    return Scheduler.place(schedulerVm(vm), schedulerNodes(), placedVms(), localDiskPin(vm));
  }

  /** Where a running VM may live-migrate to (never its own node). */
  Scheduler.Placement chooseTarget(JsonNode vm, JsonNode extraSelector) {
    return TargetChooser.choose(schedulerVm(vm), extraSelector, schedulerNodes(), placedVms());
  }

  private List<Scheduler.Node> schedulerNodes() {
    List<Scheduler.Node> nodes = new ArrayList<>();
    for (ObjectNode n : cache(Kind.NODE).listJson()) {
      boolean ready = false;
      for (JsonNode c : n.path("status").path("conditions")) {
        ready |= c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True");
      }
      nodes.add(new Scheduler.Node(n.path("metadata").path("name").asText(), labels(n), ready,
          n.path("spec").path("unschedulable").asBoolean(false),
          millis(n.path("status").path("allocatable").path("cpu").asText("0")),
          bytes(n.path("status").path("allocatable").path("memory").asText("0"))));
    }
    nodes.sort(java.util.Comparator.comparing(Scheduler.Node::name));
    return nodes;
  }

  private List<Scheduler.Vm> placedVms() {
    List<Scheduler.Vm> placed = new ArrayList<>();
    for (ObjectNode other : cache(Kind.VIRTUAL_MACHINE).listJson()) {
      String phase = other.path("status").path("phase").asText("");
      if (other.path("status").hasNonNull("nodeName") && !phase.equals("Stopped")) {
        placed.add(schedulerVm(other));
      }
    }
    return placed;
  }

  /** The VM's node-local disks that are not yet on a node (WaitForFirstConsumer). */
  List<ObjectNode> disksAwaitingFirstConsumer(JsonNode vm) {
    List<ObjectNode> waiting = new ArrayList<>();
    for (ObjectNode disk : localDisks(vm)) {
      if (DiskReconciler.localNode(disk) == null) {
        waiting.add(disk);
      }
    }
    return waiting;
  }

  /** A VM with a disk in a node's local pool can run on that node only. */
  Optional<Scheduler.Pin> localDiskPin(JsonNode vm) {
    for (ObjectNode disk : localDisks(vm)) {
      String node = DiskReconciler.localNode(disk);
      if (node != null) {
        return Optional.of(new Scheduler.Pin(node, "disk \"" + disk.path("metadata").path("name").asText()
            + "\" is in the node-local pool of " + node));
      }
    }
    return Optional.empty();
  }

  private List<ObjectNode> localDisks(JsonNode vm) {
    List<ObjectNode> disks = new ArrayList<>();
    String ns = vm.path("metadata").path("namespace").asText();
    for (JsonNode ref : vm.path("spec").path("blockDeviceRefs")) {
      if (ref.path("kind").asText().equals("VirtualDisk")) {
        cache(Kind.VIRTUAL_DISK).getJson(ns, ref.path("name").asText()).filter(DiskReconciler::isLocal)
            .ifPresent(disks::add);
      }
    }
    return disks;
  }

  /** Records the node chosen for the VM on its node-local disks still waiting, so they are created there. */
  void selectNodeForDisks(List<ObjectNode> disks, String node) {
    ResourceAccess access = access(Kind.VIRTUAL_DISK);
    for (ObjectNode disk : disks) {
      access.modify(disk.path("metadata").path("namespace").asText(), disk.path("metadata").path("name").asText(),
          current -> {
            if (DiskReconciler.localNode(current) == null) {
              current.with("metadata").with("annotations").put(Annotations.SELECTED_NODE, node);
            }
          });
    }
  }

  static Scheduler.Vm schedulerVm(JsonNode json) {
    VmObject vm = VmObject.of(json);
    return new Scheduler.Vm(vm.namespace(), vm.name(), vm.labels(), vm.nodeName().orElse(null), vm.cpuMillis(),
        vm.memoryBytes(), nullIfMissing(vm.nodeSelector()), nullIfMissing(vm.affinity()));
  }

  private static JsonNode nullIfMissing(JsonNode node) {
    return node.isMissingNode() ? null : node;
  }

  private static Map<String, String> labels(JsonNode obj) {
    Map<String, String> labels = new HashMap<>();
    obj.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private static long millis(String cpu) {
    return Quantity.getAmountInBytes(new Quantity(cpu)).movePointRight(3).longValue();
  }

  static long bytes(String quantity) {
    return Quantity.getAmountInBytes(new Quantity(quantity)).longValue();
  }

  /** Changes the VM's annotations from a fresh read, retrying lost races. */
  void annotate(JsonNode vm, Consumer<ObjectNode> change) {
    vms.modify(vm.path("metadata").path("namespace").asText(), vm.path("metadata").path("name").asText(),
        current -> change.accept(current.with("metadata").with("annotations"))).orElseThrow();
  }

  void removeFinalizer(JsonNode vm) {
    vms.modify(vm.path("metadata").path("namespace").asText(), vm.path("metadata").path("name").asText(),
        current -> Finalizers.remove(current, Annotations.FINALIZER));
  }
}
