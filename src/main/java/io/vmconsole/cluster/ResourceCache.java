package io.vmconsole.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An informer-fed, always-current copy of one kind across all namespaces. Reads never call the API;
 * listeners hear of every change.
 */
public class ResourceCache implements AutoCloseable {
  private final String kind;
  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private final List<Consumer<GenericKubernetesResource>> listeners = new CopyOnWriteArrayList<>();
  // Each cached object's JSON form, made once per version of it: reconcilers list a whole kind per
  // key, and converting 1,000 VMs afresh each time took a third of the control plane's CPU. The
  // informer stores a new instance for every change, so identity tells whether a form is current.
  private final Map<String, Converted> converted = new ConcurrentHashMap<>();

  private final java.util.Set<String> indexes = new java.util.HashSet<>();

  private record Converted(GenericKubernetesResource source, ObjectNode json) {}

  public ResourceCache(KubernetesClient client, ResourceDefinitionContext kind) {
    this.kind = kind.getKind();
    String apiVersion =
        kind.getGroup() == null || kind.getGroup().isEmpty()
            ? kind.getVersion()
            : kind.getGroup() + "/" + kind.getVersion();
    Class<?> typed =
        client
            .getKubernetesSerialization()
            .getRegisteredKubernetesResource(apiVersion, kind.getKind());
    if (typed != null && KubernetesClients.TYPED_KINDS.contains(typed)) {
      // The client decodes this kind into its class; the generic form converted from that would
      // lack every field the class does not model.
      throw new IllegalArgumentException(
          kind.getKind()
              + " is decoded as a typed class by this client (KubernetesClients.TYPED_KINDS):"
              + " a generic cache of it would lose the fields that class does not model");
    }
    informer = client.genericKubernetesResources(kind).inAnyNamespace().runnableInformer(0);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource obj) {
            fire(obj);
          }

          @Override
          public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            fire(newObj);
          }

          @Override
          public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            fire(obj);
            converted.remove(Cache.metaNamespaceKeyFunc(obj));
          }
        });
  }

  public void start() {
    informer.start().toCompletableFuture().join();
  }

  public boolean hasSynced() {
    return informer.hasSynced();
  }

  InformerState state() {
    return new InformerState(kind, informer);
  }

  public List<GenericKubernetesResource> list() {
    return informer.getStore().list();
  }

  public Optional<GenericKubernetesResource> get(String namespace, String name) {
    String key = namespace == null ? name : Cache.namespaceKeyFunc(namespace, name);
    return Optional.ofNullable(informer.getStore().getByKey(key));
  }

  /**
   * Every object as JSON, for callers that read fields by path. The nodes are shared with every
   * other reader: edit a {@code deepCopy()}.
   */
  public List<ObjectNode> listJson() {
    return list().stream().map(this::json).toList();
  }

  /** The object as JSON, shared as {@link #listJson}'s are. */
  public Optional<ObjectNode> getJson(String namespace, String name) {
    return get(namespace, name).map(this::json);
  }

  /**
   * The namespace's objects whose label {@code label} is {@code value}, through an index the
   * informer keeps as objects change (added on first use): for a reconciler that would otherwise
   * scan the whole kind per key.
   */
  public List<ObjectNode> labelled(String namespace, String label, String value) {
    String index = "label:" + label;
    synchronized (indexes) {
      if (indexes.add(index)) {
        informer.addIndexers(
            Map.of(
                index,
                obj -> {
                  Map<String, String> labels = obj.getMetadata().getLabels();
                  String v = labels == null ? null : labels.get(label);
                  return v == null
                      ? List.of()
                      : List.of(Cache.namespaceKeyFunc(obj.getMetadata().getNamespace(), v));
                }));
      }
    }
    return informer.getIndexer().byIndex(index, Cache.namespaceKeyFunc(namespace, value)).stream()
        .map(this::json)
        .toList();
  }

  /** As {@link #addListener}, with the object as JSON. */
  public Runnable addJsonListener(Consumer<ObjectNode> listener) {
    return addListener(obj -> listener.accept(json(obj)));
  }

  private ObjectNode json(GenericKubernetesResource obj) {
    String key = Cache.metaNamespaceKeyFunc(obj);
    Converted known = converted.get(key);
    if (known != null && known.source() == obj) {
      return known.json();
    }
    ObjectNode fresh = ResourceAccess.toJson(obj);
    // Kept only while the store holds this very instance: the store drops a deleted object before
    // its delete handler removes the entry, so no form of a gone object stays behind.
    converted.compute(
        key, (k, old) -> informer.getStore().getByKey(k) == obj ? new Converted(obj, fresh) : old);
    return fresh;
  }

  /**
   * Called after each add, update or delete, with the object as it now is (or was, when deleted).
   */
  public Runnable addListener(Consumer<GenericKubernetesResource> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void fire(GenericKubernetesResource obj) {
    listeners.forEach(l -> l.accept(obj));
  }

  @Override
  public void close() {
    informer.close();
  }
}
