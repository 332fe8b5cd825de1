package io.vmconsole.ipam;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.ipam.VirtualMachineIPAddressLease;
import io.vmconsole.base.LogSafe;
import io.vmconsole.cluster.IpAddresses;
import io.vmconsole.cluster.IpLeases;
import io.vmconsole.cluster.ModuleConfigs;
import io.vmconsole.cluster.ResourceCache;
import io.vmconsole.cluster.WorkQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives vmips to their phase (Pending → Bound → Attached) and releases the lease of a deleted
 * vmip. A VM's Auto vmip and its address status are the VM controller's part, through {@link
 * VmAddresses}. Keys: {@code vmip/<ns>/<name>}, {@code gc} (vmips of deleted VMs).
 */
public class IpamReconciler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IpamReconciler.class);

  private final IpAddresses addresses;
  private final IpLeases leases;
  private final ResourceCache vms;
  private final IpAllocator allocator;
  private final LeaseSweeper sweeper;
  private final IpamProperties props;
  private final WorkQueue queue;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ipam-sweep");
            t.setDaemon(true);
            return t;
          });
  private final List<Runnable> subscriptions = new ArrayList<>();

  IpamReconciler(
      IpAddresses addresses,
      IpLeases leases,
      ModuleConfigs modules,
      ResourceCache vms,
      IpAllocator allocator,
      LeaseSweeper sweeper,
      IpamProperties props) {
    this.addresses = addresses;
    this.leases = leases;
    this.vms = vms;
    this.allocator = allocator;
    this.sweeper = sweeper;
    this.props = props;
    this.queue =
        new WorkQueue(
            "ipam-reconcile", props.workers(), WorkQueue.Retry.NEXT_SWEEP, this::reconcile);
    subscriptions.add(
        addresses.addListener(
            v ->
                queue.add(key("vmip", v.getMetadata().getNamespace(), v.getMetadata().getName()))));
    subscriptions.add(leases.addListener(this::onLease));
    subscriptions.add(modules.addListener(m -> pendingVmips()));
    if (vms != null) {
      subscriptions.add(vms.addListener(this::onVm));
    }
  }

  public void start() {
    timer.scheduleWithFixedDelay(
        this::sweep, 0, props.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Keys waiting or being worked on; zero when everything seen so far is reconciled. */
  public int backlog() {
    return queue.size();
  }

  private void sweep() {
    try {
      sweeper.sweep();
      queue.add("gc");
      addresses
          .list()
          .forEach(
              v ->
                  queue.add(
                      key("vmip", v.getMetadata().getNamespace(), v.getMetadata().getName())));
    } catch (RuntimeException e) {
      log.warn("IP sweep failed; retrying at the next one: {}", LogSafe.failure(e));
    }
  }

  private void reconcile(String key) {
    if (key.equals("gc")) {
      if (vms != null) {
        sweeper.collectVmipsOfDeletedVms(vms.list());
      }
      return;
    }
    String[] parts = key.split("/", 3);
    if (parts[0].equals("vmip")) {
      addresses.get(parts[1], parts[2]).ifPresent(this::reconcileVmip);
    }
  }

  void reconcileVmip(VirtualMachineIPAddress vmip) {
    String vm = attachedVm(vmip);
    String ns = vmip.getMetadata().getNamespace();
    String name = vmip.getMetadata().getName();
    if (vmip.getMetadata().getDeletionTimestamp() != null) {
      if (vm == null) {
        // Not Attached any more: the lease keeps the address for the namespace, then the vmip may
        // go.
        allocator.heldBy(vmip).ifPresent(leases::release);
        addresses.setFinalizer(ns, name, false);
      }
      return;
    }
    allocator.ensureBound(vmip);
    IpAllocator.Outcome outcome = allocator.allocate(vmip);
    if (outcome.isBound() && !vmip.getMetadata().getFinalizers().contains(IpAddresses.FINALIZER)) {
      // Only a vmip holding a lease needs the finalizer: deleting it must first release the lease.
      addresses.setFinalizer(ns, name, true);
    }
    addresses.writeStatus(
        vmip,
        outcome.isBound()
            ? VmipStatuses.bound(outcome.address(), vm)
            : VmipStatuses.pending(outcome.reason(), outcome.message()));
  }

  /** The VM (not being deleted) whose spec or status names this vmip, null when none does. */
  String attachedVm(VirtualMachineIPAddress vmip) {
    if (vms == null) {
      return null;
    }
    String ns = vmip.getMetadata().getNamespace();
    String name = vmip.getMetadata().getName();
    return vms.list().stream()
        .map(IpamVm::of)
        .filter(v -> v.namespace().equals(ns) && !v.deleting())
        .filter(v -> name.equals(v.requestedIpName()) || name.equals(v.currentIpName()))
        .map(IpamVm::name)
        .sorted()
        .findFirst()
        .orElse(null);
  }

  private void onLease(VirtualMachineIPAddressLease lease) {
    VirtualMachineIPAddressLease.IpAddressRef ref = IpAllocator.ref(lease);
    if (ref != null && ref.name() != null) {
      queue.add(key("vmip", ref.namespace(), ref.name()));
    }
    if (ref == null || ref.name() == null || lease.getMetadata().getDeletionTimestamp() != null) {
      // An address may have come free: a vmip waiting for one can try again.
      pendingVmips();
    }
  }

  private void onVm(GenericKubernetesResource vm) {
    IpamVm ref = IpamVm.of(vm);
    Optional.ofNullable(ref.requestedIpName())
        .ifPresent(n -> queue.add(key("vmip", ref.namespace(), n)));
    Optional.ofNullable(ref.currentIpName())
        .ifPresent(n -> queue.add(key("vmip", ref.namespace(), n)));
    addresses.list().stream()
        .filter(
            v ->
                ref.namespace().equals(v.getMetadata().getNamespace())
                    && v.getStatus() != null
                    && ref.name().equals(v.getStatus().virtualMachineName()))
        .forEach(v -> queue.add(key("vmip", ref.namespace(), v.getMetadata().getName())));
    queue.add("gc");
  }

  private void pendingVmips() {
    addresses.list().stream()
        .filter(v -> v.getStatus() == null || VmipStatuses.PENDING.equals(v.getStatus().phase()))
        .forEach(
            v -> queue.add(key("vmip", v.getMetadata().getNamespace(), v.getMetadata().getName())));
  }

  private static String key(String kind, String ns, String name) {
    return kind + "/" + ns + "/" + name;
  }

  @Override
  public void close() {
    subscriptions.forEach(Runnable::run);
    timer.shutdownNow();
    queue.close();
  }
}
