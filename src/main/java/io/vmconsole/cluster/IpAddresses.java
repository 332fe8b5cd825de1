package io.vmconsole.cluster;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.ipam.VirtualMachineIPAddress.AddressType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** The VirtualMachineIPAddress objects: a cache and idempotent writes. */
public class IpAddresses implements AutoCloseable {
  public static final String FINALIZER = "virtualization.deckhouse.io/vmip-cleanup";

  private static final String BY_OWNER = "owner";

  private final KubernetesClient client;
  private final TypedCache<VirtualMachineIPAddress> cache;
  private final ApiCalls calls;
  private final DirectWrites writes;
  // The status this process wrote last per vmip, with the resourceVersion that write made.
  private final java.util.Map<String, Written> lastWritten =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Written(String status, long resourceVersion) {}

  public IpAddresses(KubernetesClient client, ApiCalls calls) {
    this.client = client;
    this.calls = calls;
    this.writes = new DirectWrites(client);
    var informer = api().inAnyNamespace().runnableInformer(0);
    // A VM finds the vmip made for it before its status names it: by owner, not by a scan.
    informer.addIndexers(
        java.util.Map.of(
            BY_OWNER,
            v ->
                v.getMetadata().getOwnerReferences().stream()
                    .map(o -> v.getMetadata().getNamespace() + "/" + o.getUid())
                    .toList()));
    this.cache = new TypedCache<>(informer);
  }

  public void start() {
    cache.start();
  }

  InformerState state() {
    return cache.state("VirtualMachineIPAddress");
  }

  public List<VirtualMachineIPAddress> list() {
    return cache.list();
  }

  public Optional<VirtualMachineIPAddress> get(String namespace, String name) {
    return cache.get(namespace, name);
  }

  /** The namespace's vmips an owner reference ties to the object with this uid. */
  public List<VirtualMachineIPAddress> ownedBy(String namespace, String ownerUid) {
    return cache.byIndex(BY_OWNER, namespace + "/" + ownerUid);
  }

  public Runnable addListener(Consumer<VirtualMachineIPAddress> listener) {
    return cache.addListener(listener);
  }

  /** Creates the vmip; an owner (a VM) makes it go with that VM. */
  public void create(
      String namespace, String name, AddressType type, String staticIp, OwnerRef owner) {
    VirtualMachineIPAddress vmip = new VirtualMachineIPAddress();
    // Born with the cleanup finalizer: binding it then needs no write of its own (a Pending vmip
    // that goes loses it at once, see IpamReconciler).
    ObjectMetaBuilder meta =
        new ObjectMetaBuilder().withNamespace(namespace).withName(name).withFinalizers(FINALIZER);
    if (owner != null) {
      meta.withOwnerReferences(ownerReference(owner));
    }
    vmip.setMetadata(meta.build());
    vmip.setSpec(new VirtualMachineIPAddress.Spec(type, staticIp));
    calls.one();
    writes.create(ResourceKinds.VIRTUAL_MACHINE_IP_ADDRESS, vmip);
  }

  public void delete(String namespace, String name) {
    lastWritten.remove(namespace + "/" + name);
    try {
      calls.one();
      api().inNamespace(namespace).withName(name).delete();
    } catch (KubernetesClientException e) {
      IpLeases.ignoreNotFound(e);
    }
  }

  /**
   * "Keep this IP": without owner references the vmip outlives its VM (the seed's kubectl patch).
   */
  public void dropOwnerReferences(String namespace, String name) {
    calls.one();
    api()
        .inNamespace(namespace)
        .withName(name)
        .edit(
            v -> {
              v.getMetadata().setOwnerReferences(null);
              return v;
            });
  }

  /** Makes the vmip go with the VM again (the keep-IP toggle switched off). */
  public void setOwner(String namespace, String name, OwnerRef owner) {
    calls.one();
    api()
        .inNamespace(namespace)
        .withName(name)
        .edit(
            v -> {
              v.getMetadata().setOwnerReferences(List.of(ownerReference(owner)));
              return v;
            });
  }

  public void setFinalizer(String namespace, String name, boolean present) {
    try {
      calls.one();
      api()
          .inNamespace(namespace)
          .withName(name)
          .edit(
              v -> {
                List<String> f = new ArrayList<>(v.getMetadata().getFinalizers());
                f.remove(FINALIZER);
                if (present) {
                  f.add(FINALIZER);
                }
                v.getMetadata().setFinalizers(f);
                return v;
              });
    } catch (KubernetesClientException e) {
      IpLeases.ignoreNotFound(e);
    }
  }

  /**
   * Writes the status when it differs from the cached one and from the one this process wrote last
   * (the cache may not show that yet when the vmip is reconciled again at once).
   */
  public void writeStatus(VirtualMachineIPAddress current, VirtualMachineIPAddress.Status status) {
    String key = current.getMetadata().getNamespace() + "/" + current.getMetadata().getName();
    String wanted = withoutTimes(status);
    if (Objects.equals(withoutTimes(current.getStatus()), wanted)) {
      lastWritten.remove(key);
      return;
    }
    Written mine = lastWritten.get(key);
    if (mine != null) {
      if (resourceVersion(current) < mine.resourceVersion()) {
        if (mine.status().equals(wanted)) {
          return; // written already; the cache has not caught up
        }
      } else {
        lastWritten.remove(key, mine);
      }
    }
    try {
      calls.one();
      String stored =
          writes
              .replaceStatus(
                  ResourceKinds.VIRTUAL_MACHINE_IP_ADDRESS,
                  current.getMetadata().getNamespace(),
                  current.getMetadata().getName(),
                  status)
              .path("metadata")
              .path("resourceVersion")
              .asText();
      lastWritten.put(key, new Written(wanted, resourceVersion(stored)));
    } catch (KubernetesClientException e) {
      IpLeases.ignoreNotFound(e);
    }
  }

  private static long resourceVersion(VirtualMachineIPAddress v) {
    return resourceVersion(v.getMetadata().getResourceVersion());
  }

  private static long resourceVersion(String version) {
    try {
      return Long.parseLong(version);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Statuses compared without condition timestamps, so an unchanged state is not rewritten. */
  private static String withoutTimes(VirtualMachineIPAddress.Status s) {
    if (s == null) {
      return null;
    }
    StringBuilder b =
        new StringBuilder(s.address() + "|" + s.virtualMachineName() + "|" + s.phase());
    if (s.conditions() != null) {
      s.conditions()
          .forEach(
              c ->
                  b.append('|')
                      .append(c.getType())
                      .append(c.getStatus())
                      .append(c.getReason())
                      .append(c.getMessage()));
    }
    return b.toString();
  }

  private static OwnerReference ownerReference(OwnerRef owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.apiVersion())
        .withKind(owner.kind())
        .withName(owner.name())
        .withUid(owner.uid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private MixedOperation<
          VirtualMachineIPAddress,
          KubernetesResourceList<VirtualMachineIPAddress>,
          Resource<VirtualMachineIPAddress>>
      api() {
    return client.resources(VirtualMachineIPAddress.class);
  }

  /** The owner of a vmip: the VM it was made for. */
  public record OwnerRef(String apiVersion, String kind, String name, String uid) {}

  @Override
  public void close() {
    cache.close();
  }
}
