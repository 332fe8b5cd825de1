package io.vmconsole.controller;

import io.vmconsole.cluster.WorkQueue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentClients;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The control loop: informers and the agents' event streams feed keyed work queues; each queue runs
 * one reconciler. On start every object is reconciled once, which brings back to Running every VM whose
 * policy says it should run (after a host reboot, say).
 */
public final class Controller implements AutoCloseable {
  private final ControllerContext ctx;
  private final List<String> nodes;
  private final boolean ownNodeReadiness;
  private final WorkQueue vmQueue;
  private final WorkQueue opQueue;
  private final WorkQueue diskQueue;
  private final WorkQueue imageQueue;
  private final WorkQueue podQueue;
  private final WorkQueue drainQueue;
  private final WorkQueue attachmentQueue;
  private final List<AgentEventPump> pumps = new ArrayList<>();
  private final References refs = new References();
  private final EvictionRequests evictions;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "controller-timer");
    t.setDaemon(true);
    return t;
  });

  public Controller(ClusterResources cluster, AgentClients agents, VmNetworks networks, List<String> nodes,
      boolean ownNodeReadiness, int workers) {
    this.ctx = new ControllerContext(cluster, agents, networks);
    this.nodes = nodes;
    this.ownNodeReadiness = ownNodeReadiness;
    VmReconciler vms = new VmReconciler(ctx);
    OperationReconciler ops = new OperationReconciler(ctx);
    DiskReconciler disks = new DiskReconciler(ctx, disk -> refs.users("VirtualDisk", disk));
    AttachmentReconciler attachments = new AttachmentReconciler(ctx, disk -> refs.users("VirtualDisk", disk));
    ImageReconciler vis = new ImageReconciler(ctx, Kind.VIRTUAL_IMAGE);
    ImageReconciler cvis = new ImageReconciler(ctx, Kind.CLUSTER_VIRTUAL_IMAGE);
    this.vmQueue = new WorkQueue("vm", workers, key -> after(key, this.vmQueueRef(), vms.reconcile(ns(key), name(key))));
    this.opQueue = new WorkQueue("vmop", 2, key -> {
      if (ops.reconcile(ns(key), name(key))) {
        opQueueRef().addAfter(key, Duration.ofSeconds(1));
      }
    });
    this.diskQueue = new WorkQueue("vd", 2, key -> after(key, diskQueueRef(), disks.reconcile(ns(key), name(key))));
    this.attachmentQueue = new WorkQueue("vmbda", 2,
        key -> after(key, attachmentQueueRef(), attachments.reconcile(ns(key), name(key))));
    this.evictions = new EvictionRequests(ctx);
    PlaceholderPodReconciler placeholders = new PlaceholderPodReconciler(ctx);
    this.podQueue = new WorkQueue("pod", 1, key -> placeholders.reconcile(ns(key), name(key)));
    DrainReconciler drains = new DrainReconciler(ctx);
    this.drainQueue = new WorkQueue("drain", 1, drains::reconcile);
    this.imageQueue = new WorkQueue("image", 2, key -> {
      Duration again = (key.startsWith("/") ? cvis : vis).reconcile(ns(key), name(key));
      after(key, imageQueueRef(), again);
    });
  }

  private WorkQueue vmQueueRef() {
    return vmQueue;
  }

  private WorkQueue opQueueRef() {
    return opQueue;
  }

  private WorkQueue diskQueueRef() {
    return diskQueue;
  }

  private WorkQueue attachmentQueueRef() {
    return attachmentQueue;
  }

  private WorkQueue imageQueueRef() {
    return imageQueue;
  }

  private static void after(String key, WorkQueue queue, Duration again) {
    if (again != null) {
      queue.addAfter(key, again);
    }
  }

  public void start() {
    ctx.cache(Kind.VIRTUAL_MACHINE).listJson().forEach(vm -> refs.index(key(vm), vm));
    ctx.cache(Kind.VIRTUAL_MACHINE).addJsonListener(vm -> {
      refs.index(key(vm), vm);
      vmQueue.add(key(vm));
      opQueue.add(key(vm));
      podQueue.add(key(vm));
      // A VM that starts, stops or moves changes what its attachments do; its disks show where they are used.
      ctx.attachments(vm).forEach(a -> attachmentQueue.add(key(a)));
      usedDisks(vm).forEach(diskQueue::add);
    });
    ctx.cache(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT).listJson()
        .forEach(a -> ctx.attachmentIndex().update(key(a), a, true));
    ctx.cache(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT).addJsonListener(a -> {
      // The listener hears deletes too: the cache no longer holds a deleted object.
      ctx.attachmentIndex().update(key(a), a, ctx.cache(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT)
          .getJson(a.path("metadata").path("namespace").asText(), a.path("metadata").path("name").asText())
          .isPresent());
      attachmentQueue.add(key(a));
      String ns = a.path("metadata").path("namespace").asText();
      vmChanged(ns + "/" + a.path("spec").path("virtualMachineName").asText());
      if (a.path("spec").path("blockDeviceRef").path("kind").asText().equals("VirtualDisk")) {
        diskQueue.add(ns + "/" + a.path("spec").path("blockDeviceRef").path("name").asText());
      }
    });
    // A placeholder pod deleted or changed by hand is put back as the VM needs it.
    ctx.cache(Kind.POD).addJsonListener(pod -> {
      String vm = pod.path("metadata").path("labels").path(PlaceholderPods.VM_LABEL).asText("");
      if (!vm.isEmpty()) {
        podQueue.add(pod.path("metadata").path("namespace").asText() + "/" + vm);
      }
    });
    ctx.cache(Kind.VIRTUAL_MACHINE_OPERATION).addJsonListener(op ->
        opQueue.add(op.path("metadata").path("namespace").asText() + "/"
            + op.path("spec").path("virtualMachineName").asText()));
    ctx.cache(Kind.VIRTUAL_DISK).addJsonListener(d -> {
      diskQueue.add(key(d));
      refs.users("VirtualDisk", key(d)).forEach(this::vmChanged);
      ctx.attachmentsOf("VirtualDisk", d.path("metadata").path("namespace").asText(),
          d.path("metadata").path("name").asText()).forEach(a -> attachmentQueue.add(key(a)));
    });
    for (Kind kind : List.of(Kind.VIRTUAL_IMAGE, Kind.CLUSTER_VIRTUAL_IMAGE)) {
      ctx.cache(kind).addJsonListener(i -> {
        imageQueue.add(key(i));
        String refKind = kind == Kind.VIRTUAL_IMAGE ? "VirtualImage" : "ClusterVirtualImage";
        refs.users(refKind, key(i)).forEach(this::vmChanged);
        refs.diskUsers(refKind, key(i)).forEach(diskQueue::add);
      });
    }
    ctx.cache(Kind.VIRTUAL_DISK).listJson().forEach(d -> refs.indexDisk(key(d), d));
    ctx.cache(Kind.VIRTUAL_DISK).addJsonListener(d -> refs.indexDisk(key(d), d));
    // A vmip bound (or lost) changes what its VM may do: start, or wait with the reason.
    ctx.cache(Kind.VIRTUAL_MACHINE_IP_ADDRESS).addJsonListener(ip -> vmsWhere(vm -> usesVmip(vm, ip)));
    ctx.cache(Kind.SECRET).addJsonListener(s -> refs.users("Secret", key(s)).forEach(this::vmChanged));
    ctx.cache(Kind.VIRTUAL_MACHINE_CLASS).addJsonListener(c -> vmsWhere(vm -> true));
    ctx.cache(Kind.NODE).addJsonListener(n -> drainQueue.add(n.path("metadata").path("name").asText()));
    // Drains also move on as their migrations do; a steady beat is simpler than following every vmop.
    timer.scheduleWithFixedDelay(guard(() -> ctx.cache(Kind.NODE).listJson()
        .forEach(n -> drainQueue.add(n.path("metadata").path("name").asText()))), 2, 2, TimeUnit.SECONDS);
    NodeHealth health = new NodeHealth(ctx, node -> vmsWhere(vm -> node.equals(vm.path("status").path("nodeName")
        .asText())));
    if (ownNodeReadiness) {
      timer.scheduleWithFixedDelay(guard(health::check), 0, 1, TimeUnit.SECONDS);
    }
    for (String node : nodes) {
      AgentEventPump pump = new AgentEventPump(node, ctx.agents(), this::vmByUid,
          () -> vmsWhere(vm -> node.equals(vm.path("status").path("nodeName").asText())));
      pumps.add(pump);
      Thread t = new Thread(pump, "agent-events-" + node);
      t.setDaemon(true);
      t.start();
    }
    resyncAll();
    timer.scheduleWithFixedDelay(guard(this::resyncAll), 30, 30, TimeUnit.SECONDS);
  }

  private void resyncAll() {
    ctx.cache(Kind.CLUSTER_VIRTUAL_IMAGE).listJson().forEach(i -> imageQueue.add(key(i)));
    ctx.cache(Kind.VIRTUAL_IMAGE).listJson().forEach(i -> imageQueue.add(key(i)));
    ctx.cache(Kind.VIRTUAL_DISK).listJson().forEach(d -> diskQueue.add(key(d)));
    ctx.cache(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT).listJson().forEach(a -> attachmentQueue.add(key(a)));
    ctx.cache(Kind.VIRTUAL_MACHINE).listJson().forEach(vm -> {
      vmQueue.add(key(vm));
      opQueue.add(key(vm));
      podQueue.add(key(vm));
    });
    // Pods of VMs that are gone: nothing else names their VM any more.
    ctx.cache(Kind.POD).listJson().forEach(pod -> {
      String vm = pod.path("metadata").path("labels").path(PlaceholderPods.VM_LABEL).asText("");
      if (!vm.isEmpty()) {
        podQueue.add(pod.path("metadata").path("namespace").asText() + "/" + vm);
      }
    });
  }

  private void vmChanged(String key) {
    vmQueue.add(key);
    opQueue.add(key);
  }

  private void vmByUid(String uid) {
    vmsWhere(vm -> uid.equals(vm.path("metadata").path("uid").asText()));
  }

  private void vmsWhere(java.util.function.Predicate<JsonNode> which) {
    for (ObjectNode vm : ctx.cache(Kind.VIRTUAL_MACHINE).listJson()) {
      if (which.test(vm)) {
        vmQueue.add(key(vm));
        opQueue.add(key(vm));
      }
    }
  }

  /** Keys of the VirtualDisks a VM names in its spec or shows in its status (hot-plugged ones too). */
  private static java.util.Set<String> usedDisks(JsonNode vm) {
    java.util.Set<String> disks = new java.util.HashSet<>();
    String ns = vm.path("metadata").path("namespace").asText();
    for (JsonNode list : List.of(vm.path("spec").path("blockDeviceRefs"), vm.path("status").path("blockDeviceRefs"))) {
      for (JsonNode ref : list) {
        if (ref.path("kind").asText().equals("VirtualDisk")) {
          disks.add(ns + "/" + ref.path("name").asText());
        }
      }
    }
    return disks;
  }

  private static boolean usesVmip(JsonNode vm, JsonNode vmip) {
    if (!vm.path("metadata").path("namespace").asText().equals(vmip.path("metadata").path("namespace").asText())) {
      return false;
    }
    String name = vmip.path("metadata").path("name").asText();
    String uid = vm.path("metadata").path("uid").asText();
    for (JsonNode owner : vmip.path("metadata").path("ownerReferences")) {
      if (uid.equals(owner.path("uid").asText())) {
        return true;
      }
    }
    return name.equals(vm.path("spec").path("virtualMachineIPAddressName").asText())
        || name.equals(vm.path("status").path("virtualMachineIPAddressName").asText());
  }

  private static Runnable guard(Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Controller.class).warn("controller: {}", e.toString());
      }
    };
  }

  /** "ns/name", or "/name" for cluster-scoped objects. */
  static String key(JsonNode obj) {
    return obj.path("metadata").path("namespace").asText("") + "/" + obj.path("metadata").path("name").asText();
  }

  static String ns(String key) {
    String ns = key.substring(0, key.indexOf('/'));
    return ns.isEmpty() ? null : ns;
  }

  static String name(String key) {
    return key.substring(key.indexOf('/') + 1);
  }

  /** How the embedded API server answers an eviction of a VM's placeholder pod (drain). */
  public io.vmconsole.cluster.embedded.EvictionHook evictionHook() {
    return evictions;
  }

  @Override
  public void close() {
    evictions.close();
    pumps.forEach(AgentEventPump::stop);
    timer.shutdownNow();
    List.of(vmQueue, opQueue, diskQueue, imageQueue, podQueue, drainQueue, attachmentQueue).forEach(WorkQueue::close);
  }
}
