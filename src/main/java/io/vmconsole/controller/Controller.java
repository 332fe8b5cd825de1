package io.vmconsole.controller;

import io.vmconsole.agent.AgentClients;
import io.vmconsole.api.core.PlaceholderPods;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.WorkQueue;
import io.vmconsole.cluster.embedded.EvictionHook;
import io.vmconsole.controller.nodes.AgentSweep;
import io.vmconsole.controller.nodes.DrainReconciler;
import io.vmconsole.controller.nodes.EvictionRequests;
import io.vmconsole.controller.nodes.NodeHealth;
import io.vmconsole.controller.nodes.PlaceholderPodReconciler;
import io.vmconsole.controller.operations.OperationReconciler;
import io.vmconsole.controller.runtime.ControllerContext;
import io.vmconsole.controller.runtime.Dispatch;
import io.vmconsole.controller.runtime.IndexUpdate;
import io.vmconsole.controller.runtime.ObjectKeys;
import io.vmconsole.controller.runtime.Reconciler;
import io.vmconsole.controller.runtime.Watch;
import io.vmconsole.controller.scheduling.Placements;
import io.vmconsole.controller.storage.AttachmentReconciler;
import io.vmconsole.controller.storage.DiskReconciler;
import io.vmconsole.controller.storage.ImageReconciler;
import io.vmconsole.controller.vm.CachedFacts;
import io.vmconsole.controller.vm.VmNetworks;
import io.vmconsole.controller.vm.VmReconciler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * The control loop: each reconciler is registered once with its work queue and the changes that
 * wake it ({@link Watch}); informers and the agents' event streams feed the queues. On start every
 * object is reconciled once, which brings back to Running every VM whose policy says it should run
 * (after a host reboot, say), and a resync every 30 s is the backstop for a missed event.
 */
public final class Controller implements AutoCloseable {
  private static final Duration RESYNC = Duration.ofSeconds(30);

  private final ControllerContext ctx;
  private final List<String> nodes;
  private final boolean ownNodeReadiness;
  private final References refs = new References();
  private final EvictionRequests evictions;
  private final Dispatch dispatch;
  private final List<AgentEventPump> pumps = new ArrayList<>();
  private final WorkQueue vmQueue;
  private final WorkQueue opQueue;
  private final WorkQueue drainQueue;
  private final ScheduledExecutorService timer =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "controller-timer");
            t.setDaemon(true);
            return t;
          });

  public Controller(
      ClusterResources cluster,
      AgentClients agents,
      VmNetworks networks,
      List<String> nodes,
      boolean ownNodeReadiness,
      int workers) {
    this.ctx = new ControllerContext(cluster, agents);
    this.dispatch = new Dispatch(ctx);
    Placements placements = new Placements(ctx);
    this.nodes = nodes;
    this.ownNodeReadiness = ownNodeReadiness;
    this.evictions = new EvictionRequests(ctx);
    VmReconciler vms = new VmReconciler(ctx, placements, new CachedFacts(ctx, networks));
    OperationReconciler ops = new OperationReconciler(ctx, placements);
    DiskReconciler disks =
        new DiskReconciler(ctx, disk -> refs.users(DeviceRef.VIRTUAL_DISK, disk));
    AttachmentReconciler attachments =
        new AttachmentReconciler(ctx, disk -> refs.users(DeviceRef.VIRTUAL_DISK, disk));
    ImageReconciler vis = new ImageReconciler(ctx, Kind.VIRTUAL_IMAGE);
    ImageReconciler cvis = new ImageReconciler(ctx, Kind.CLUSTER_VIRTUAL_IMAGE);
    PlaceholderPodReconciler placeholders = new PlaceholderPodReconciler(ctx);
    DrainReconciler drains = new DrainReconciler(ctx);

    // A VM's and its operations' reconciles wake on the VM and on what it refers to.
    List<Watch> vmWakes =
        List.of(
            Watch.attachments(a -> List.of(a.namespace() + "/" + a.vmName())),
            Watch.disks(d -> refs.users(DeviceRef.VIRTUAL_DISK, d.key())),
            Watch.images(Kind.VIRTUAL_IMAGE, i -> refs.users(DeviceRef.VIRTUAL_IMAGE, i.key())),
            Watch.images(
                Kind.CLUSTER_VIRTUAL_IMAGE,
                i -> refs.users(DeviceRef.CLUSTER_VIRTUAL_IMAGE, i.key())),
            // A vmip bound (or lost) changes what its VM may do: start, or wait with the reason.
            Watch.vmips(refs::vmipUsers),
            Watch.secrets(s -> refs.users("Secret", s.key())),
            Watch.any(Kind.VIRTUAL_MACHINE_CLASS, () -> vmKeys(vm -> true)));
    this.vmQueue =
        register(
            "vm",
            workers,
            key -> vms.reconcile(ObjectKeys.namespace(key), ObjectKeys.name(key)),
            with(vmWakes, Watch.vmItself().resyncing()));
    this.opQueue =
        register(
            "vmop",
            2,
            key ->
                ops.reconcile(ObjectKeys.namespace(key), ObjectKeys.name(key))
                    ? Duration.ofSeconds(1)
                    : null,
            with(
                vmWakes,
                Watch.vmItself().resyncing(),
                Watch.vmops(op -> List.of(op.namespace() + "/" + op.vmName()))));
    register(
        "vd",
        2,
        key -> disks.reconcile(ObjectKeys.namespace(key), ObjectKeys.name(key)),
        List.of(
            Watch.disks(d -> List.of(d.key())).resyncing(),
            // A VM that starts or stops changes where its disks show as used.
            Watch.vms(Controller::usedDisks),
            Watch.attachments(
                a ->
                    a.device().isVirtualDisk()
                        ? List.of(a.namespace() + "/" + a.device().name())
                        : List.of()),
            Watch.images(Kind.VIRTUAL_IMAGE, i -> refs.diskUsers(DeviceRef.VIRTUAL_IMAGE, i.key())),
            Watch.images(
                Kind.CLUSTER_VIRTUAL_IMAGE,
                i -> refs.diskUsers(DeviceRef.CLUSTER_VIRTUAL_IMAGE, i.key()))));
    register(
        "vmbda",
        2,
        key -> attachments.reconcile(ObjectKeys.namespace(key), ObjectKeys.name(key)),
        List.of(
            Watch.attachments(a -> List.of(a.key())).resyncing(),
            // A VM that starts, stops or moves changes what its attachments do.
            Watch.vms(vm -> keys(ctx.attachments(vm))),
            Watch.disks(
                d ->
                    keys(
                        ctx.attachmentsOf(
                            new DeviceRef(DeviceRef.VIRTUAL_DISK, d.name()), d.namespace())))));
    register(
        "image",
        2,
        key ->
            (key.startsWith("/") ? cvis : vis)
                .reconcile(ObjectKeys.namespace(key), ObjectKeys.name(key)),
        List.of(
            Watch.images(Kind.VIRTUAL_IMAGE, i -> List.of(i.key())).resyncing(),
            Watch.images(Kind.CLUSTER_VIRTUAL_IMAGE, i -> List.of(i.key())).resyncing()));
    register(
        "pod",
        1,
        key -> {
          placeholders.reconcile(ObjectKeys.namespace(key), ObjectKeys.name(key));
          return null;
        },
        List.of(
            Watch.vmItself().resyncing(),
            // A placeholder pod deleted or changed by hand is put back as the VM needs it; at a
            // resync, the
            // pods of VMs that are gone (nothing else names their VM any more).
            Watch.pods(
                    pod ->
                        pod.label(PlaceholderPods.VM_LABEL).isEmpty()
                            ? List.of()
                            : List.of(pod.namespace() + "/" + pod.label(PlaceholderPods.VM_LABEL)))
                .resyncing()));
    this.drainQueue =
        register(
            "drain",
            1,
            key -> {
              drains.reconcile(key);
              return null;
            },
            List.of(Watch.nodes(n -> List.of(n.name()))));
  }

  /** Registers a reconciler: its queue, how many workers it has, and the changes that wake it. */
  private WorkQueue register(String name, int workers, Reconciler reconciler, List<Watch> watches) {
    return dispatch.register(name, workers, reconciler, watches);
  }

  private static List<Watch> with(List<Watch> common, Watch... more) {
    List<Watch> all = new ArrayList<>(List.of(more));
    all.addAll(common);
    return all;
  }

  public void start() {
    ctx.cached().vms().forEach(refs::index);
    ctx.cached().disks().forEach(refs::indexDisk);
    ctx.cached().attachments().forEach(a -> ctx.attachmentIndex().update(a.key(), a, true));
    dispatch.listen(
        List.of(
            IndexUpdate.vms(
                vm -> {
                  // A listener hears deletes too: the cache no longer holds a deleted object.
                  if (ctx.cached().vm(vm.namespace(), vm.name()).isPresent()) {
                    refs.index(vm);
                  } else {
                    refs.forget(vm.key());
                  }
                }),
            IndexUpdate.disks(refs::indexDisk),
            IndexUpdate.attachments(
                a ->
                    ctx.attachmentIndex()
                        .update(
                            a.key(),
                            a,
                            ctx.cached().attachment(a.namespace(), a.name()).isPresent()))));
    // Drains also move on as their migrations do; a steady beat is simpler than following every
    // vmop.
    timer.scheduleWithFixedDelay(
        guard(() -> ctx.cached().nodes().forEach(n -> drainQueue.add(n.name()))),
        2,
        2,
        TimeUnit.SECONDS);
    NodeHealth health =
        new NodeHealth(ctx, node -> vmsWhere(vm -> vm.nodeName().filter(node::equals).isPresent()));
    if (ownNodeReadiness) {
      timer.scheduleWithFixedDelay(guard(health::check), 0, 1, TimeUnit.SECONDS);
    }
    AgentSweep sweep = new AgentSweep(ctx, java.time.Clock.systemUTC());
    timer.scheduleWithFixedDelay(guard(sweep::sweep), 60, 60, TimeUnit.SECONDS);
    for (String node : nodes) {
      AgentEventPump pump =
          new AgentEventPump(
              node,
              ctx.agents(),
              uid -> refs.vmByUid(uid).forEach(this::vmChanged),
              () -> vmsWhere(vm -> vm.nodeName().filter(node::equals).isPresent()));
      pumps.add(pump);
      Thread t = new Thread(pump, "agent-events-" + node);
      t.setDaemon(true);
      t.start();
    }
    dispatch.resync();
    timer.scheduleWithFixedDelay(
        guard(dispatch::resync), RESYNC.toSeconds(), RESYNC.toSeconds(), TimeUnit.SECONDS);
  }

  private Collection<String> vmKeys(Predicate<VmObject> which) {
    return ctx.cached().vms().stream().filter(which).map(VmObject::key).toList();
  }

  private void vmsWhere(Predicate<VmObject> which) {
    vmKeys(which).forEach(this::vmChanged);
  }

  private void vmChanged(String key) {
    vmQueue.add(key);
    opQueue.add(key);
  }

  private static List<String> keys(List<AttachmentObject> attachments) {
    return attachments.stream().map(AttachmentObject::key).toList();
  }

  /**
   * Keys of the VirtualDisks a VM names in its spec or shows in its status (hot-plugged ones too).
   */
  private static Set<String> usedDisks(VmObject vm) {
    Set<String> disks = new HashSet<>();
    vm.blockDeviceRefs().stream()
        .filter(DeviceRef::isVirtualDisk)
        .forEach(r -> disks.add(vm.namespace() + "/" + r.name()));
    vm.blockDeviceStatuses().stream()
        .map(VmObject.DeviceStatus::ref)
        .filter(DeviceRef::isVirtualDisk)
        .forEach(r -> disks.add(vm.namespace() + "/" + r.name()));
    return disks;
  }

  private static Runnable guard(Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(Controller.class).warn("controller: {}", e.toString());
      }
    };
  }

  /** How the embedded API server answers an eviction of a VM's placeholder pod (drain). */
  public EvictionHook evictionHook() {
    return evictions;
  }

  @Override
  public void close() {
    evictions.close();
    pumps.forEach(AgentEventPump::stop);
    timer.shutdownNow();
    dispatch.close();
  }
}
