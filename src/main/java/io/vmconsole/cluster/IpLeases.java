package io.vmconsole.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.vmconsole.api.ipam.LeaseNames;
import io.vmconsole.api.ipam.VirtualMachineIPAddressLease;
import io.vmconsole.api.ipam.VirtualMachineIPAddressLease.IpAddressRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The VirtualMachineIPAddressLease objects: a cache, and the few writes the allocator needs, each
 * idempotent. Creating a lease is the claim on its address; the API server's AlreadyExists decides
 * races.
 */
public class IpLeases implements AutoCloseable {
  public static final String FINALIZER = "virtualization.deckhouse.io/vmipl-cleanup";
  public static final String VMIP_UID_LABEL =
      "virtualization.deckhouse.io/virtual-machine-ip-address-uid";
  public static final String BOUND = "Bound";
  public static final String RELEASED = "Released";

  private final KubernetesClient client;
  private final TypedCache<VirtualMachineIPAddressLease> cache;
  private final ApiCalls calls;
  private final DirectWrites writes;

  public IpLeases(KubernetesClient client, ApiCalls calls) {
    this.client = client;
    this.calls = calls;
    this.writes = new DirectWrites(client);
    this.cache = new TypedCache<>(api().runnableInformer(0));
    cache.addListener(this::index);
  }

  /**
   * Indexes kept current from the cache's events, so an allocation asks "is it taken" and "which
   * lease names this vmip" in O(1) instead of walking (and parsing) every lease.
   */
  private final Map<String, Long> addressByName = new java.util.concurrent.ConcurrentHashMap<>();

  private final java.util.Set<Long> taken = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicLong freed =
      new java.util.concurrent.atomic.AtomicLong();
  private final Map<String, String> holderByName = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, String> addressByHolder =
      new java.util.concurrent.ConcurrentHashMap<>();

  private void index(VirtualMachineIPAddressLease lease) {
    String name = lease.getMetadata().getName();
    Optional<String> ip = LeaseNames.toAddress(name);
    if (ip.isEmpty()) {
      return;
    }
    Optional<VirtualMachineIPAddressLease> current = cache.get(null, name);
    String oldHolder = holderByName.remove(name);
    if (oldHolder != null) {
      addressByHolder.remove(oldHolder, ip.get());
    }
    if (current.isEmpty()) {
      Long gone = addressByName.remove(name);
      if (gone != null) {
        taken.remove(gone);
        freed.incrementAndGet();
      }
      return;
    }
    io.vmconsole.api.validation.Ipv4.parse(ip.get())
        .ifPresent(
            a -> {
              addressByName.put(name, a);
              taken.add(a);
            });
    String holder = holder(current.get());
    if (holder != null) {
      holderByName.put(name, holder);
      addressByHolder.put(holder, ip.get());
    }
  }

  private static String holder(VirtualMachineIPAddressLease lease) {
    IpAddressRef ref =
        lease.getSpec() == null ? null : lease.getSpec().virtualMachineIPAddressRef();
    String uid =
        lease.getMetadata().getLabels() == null
            ? null
            : lease.getMetadata().getLabels().get(VMIP_UID_LABEL);
    return ref == null || ref.name() == null
        ? null
        : ref.namespace() + "/" + ref.name() + "/" + uid;
  }

  /** How many addresses have left the cache's leases so far: it moves when one comes free. */
  public long freedCount() {
    return freed.get();
  }

  /** True when a lease (Bound or Released) exists for the address, as far as the cache knows. */
  public boolean isTaken(long address) {
    return taken.contains(address);
  }

  /** Every leased address, Released ones included. */
  public java.util.Set<String> takenAddresses() {
    return addressByName.keySet().stream()
        .map(n -> LeaseNames.toAddress(n).orElseThrow())
        .collect(java.util.stream.Collectors.toSet());
  }

  /** The address of the lease naming this vmip (namespace, name and uid), if the cache has one. */
  public Optional<String> heldBy(String namespace, String name, String uid) {
    return Optional.ofNullable(addressByHolder.get(namespace + "/" + name + "/" + uid));
  }

  public void start() {
    cache.start();
  }

  InformerState state() {
    return cache.state("VirtualMachineIPAddressLease");
  }

  public List<VirtualMachineIPAddressLease> list() {
    return cache.list();
  }

  public Optional<VirtualMachineIPAddressLease> get(String ipv4) {
    return cache.get(null, LeaseNames.fromAddress(ipv4));
  }

  /** The lease as the API has it now, for decisions the cache may be too old for. */
  public Optional<VirtualMachineIPAddressLease> fetch(String ipv4) {
    calls.one();
    return Optional.ofNullable(api().withName(LeaseNames.fromAddress(ipv4)).get());
  }

  public Runnable addListener(Consumer<VirtualMachineIPAddressLease> listener) {
    return cache.addListener(listener);
  }

  /** Claims the address for the vmip; false when someone holds it already (409 AlreadyExists). */
  public boolean claim(String ipv4, String namespace, String vmipName, String vmipUid) {
    VirtualMachineIPAddressLease lease = new VirtualMachineIPAddressLease();
    lease.setMetadata(
        new ObjectMetaBuilder()
            .withName(LeaseNames.fromAddress(ipv4))
            .withLabels(Map.of(VMIP_UID_LABEL, vmipUid))
            .withFinalizers(FINALIZER)
            .build());
    lease.setSpec(new VirtualMachineIPAddressLease.Spec(new IpAddressRef(namespace, vmipName)));
    long generation;
    try {
      calls.one();
      generation =
          writes
              .create(ResourceKinds.VIRTUAL_MACHINE_IP_ADDRESS_LEASE, lease)
              .path("metadata")
              .path("generation")
              .asLong();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        calls.conflict();
        return false;
      }
      throw e;
    }
    setPhase(
        lease.getMetadata().getName(),
        generation,
        BOUND,
        "Bound",
        "bound to " + namespace + "/" + vmipName);
    return true;
  }

  /**
   * A Released lease of the same namespace taken again by a vmip there; an update carrying the
   * resourceVersion, so of two vmips retaking it at once only one wins. False when it lost or the
   * lease is no longer Released to that namespace.
   */
  public boolean rebind(String ipv4, String namespace, String vmipName, String vmipUid) {
    VirtualMachineIPAddressLease lease = fetch(ipv4).orElse(null);
    IpAddressRef ref =
        lease == null || lease.getSpec() == null
            ? null
            : lease.getSpec().virtualMachineIPAddressRef();
    if (lease == null
        || (ref != null && ref.name() != null)
        || (ref != null && ref.namespace() != null && !ref.namespace().equals(namespace))) {
      return false;
    }
    Map<String, String> labels =
        new java.util.HashMap<>(
            lease.getMetadata().getLabels() == null ? Map.of() : lease.getMetadata().getLabels());
    labels.put(VMIP_UID_LABEL, vmipUid);
    lease.getMetadata().setLabels(labels);
    lease.setSpec(new VirtualMachineIPAddressLease.Spec(new IpAddressRef(namespace, vmipName)));
    VirtualMachineIPAddressLease updated;
    try {
      calls.one();
      updated = api().resource(lease).update();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 || e.getCode() == 404) {
        return false;
      }
      throw e;
    }
    setPhase(updated, BOUND, "Bound", "bound to " + namespace + "/" + vmipName);
    return true;
  }

  /** Marks a lease Bound when a claim was interrupted before its status was written. */
  public void ensureBound(String ipv4, String namespace, String vmipName) {
    VirtualMachineIPAddressLease lease = get(ipv4).orElse(null);
    if (lease != null && (lease.getStatus() == null || !BOUND.equals(lease.getStatus().phase()))) {
      setPhase(lease, BOUND, "Bound", "bound to " + namespace + "/" + vmipName);
    }
  }

  /**
   * The vmip is gone: the namespace keeps the address for the retention period, the name is
   * cleared.
   */
  public void release(String ipv4) {
    String name = LeaseNames.fromAddress(ipv4);
    try {
      calls.one();
      VirtualMachineIPAddressLease released =
          api()
              .withName(name)
              .edit(
                  l -> {
                    IpAddressRef ref =
                        l.getSpec() == null ? null : l.getSpec().virtualMachineIPAddressRef();
                    l.setSpec(
                        new VirtualMachineIPAddressLease.Spec(
                            new IpAddressRef(ref == null ? null : ref.namespace(), null)));
                    return l;
                  });
      setPhase(released, RELEASED, "Released", "the VirtualMachineIPAddress was deleted");
    } catch (KubernetesClientException e) {
      ignoreNotFound(e);
    }
  }

  /**
   * Deletes the lease for good: the finalizer goes first, as it only guards an unreleased lease.
   */
  public void delete(String ipv4) {
    String name = LeaseNames.fromAddress(ipv4);
    try {
      removeFinalizer(ipv4);
      calls.one();
      api().withName(name).delete();
    } catch (KubernetesClientException e) {
      ignoreNotFound(e);
    }
  }

  public void removeFinalizer(String ipv4) {
    try {
      calls.one();
      api()
          .withName(LeaseNames.fromAddress(ipv4))
          .edit(
              l -> {
                List<String> f = new ArrayList<>(l.getMetadata().getFinalizers());
                f.remove(FINALIZER);
                l.getMetadata().setFinalizers(f);
                return l;
              });
    } catch (KubernetesClientException e) {
      ignoreNotFound(e);
    }
  }

  /** When the lease was released: the last transition of its Bound condition. */
  public static Optional<Instant> releasedAt(VirtualMachineIPAddressLease lease) {
    if (lease.getStatus() == null
        || !RELEASED.equals(lease.getStatus().phase())
        || lease.getStatus().conditions() == null) {
      return Optional.empty();
    }
    return lease.getStatus().conditions().stream()
        .filter(c -> BOUND.equals(c.getType()))
        .map(c -> Instant.parse(c.getLastTransitionTime()))
        .findFirst();
  }

  /** Writes the lease's phase, observing the generation of {@code lease} (as just written). */
  private void setPhase(
      VirtualMachineIPAddressLease lease, String phase, String reason, String message) {
    setPhase(
        lease.getMetadata().getName(), lease.getMetadata().getGeneration(), phase, reason, message);
  }

  /** Writes the named lease's phase, observing {@code generation} (the lease's as just written). */
  private void setPhase(String name, Long generation, String phase, String reason, String message) {
    Condition bound =
        new ConditionBuilder()
            .withType(BOUND)
            .withStatus(BOUND.equals(phase) ? "True" : "False")
            .withReason(reason)
            .withMessage(message)
            .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
            .build();
    calls.one();
    writes.replaceStatus(
        ResourceKinds.VIRTUAL_MACHINE_IP_ADDRESS_LEASE,
        null,
        name,
        new VirtualMachineIPAddressLease.Status(phase, List.of(bound), generation));
  }

  private NonNamespaceOperation<
          VirtualMachineIPAddressLease,
          KubernetesResourceList<VirtualMachineIPAddressLease>,
          Resource<VirtualMachineIPAddressLease>>
      api() {
    return client.resources(VirtualMachineIPAddressLease.class);
  }

  static void ignoreNotFound(KubernetesClientException e) {
    if (e.getCode() != 404) {
      throw e;
    }
  }

  @Override
  public void close() {
    cache.close();
  }
}
