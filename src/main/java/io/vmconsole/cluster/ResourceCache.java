package io.vmconsole.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An informer-fed, always-current copy of one kind across all namespaces. Reads never call the API;
 * listeners hear of every change.
 */
public class ResourceCache implements AutoCloseable {
  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private final List<Consumer<GenericKubernetesResource>> listeners = new CopyOnWriteArrayList<>();

  public ResourceCache(KubernetesClient client, ResourceDefinitionContext kind) {
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
          }
        });
  }

  public void start() {
    informer.start().toCompletableFuture().join();
  }

  public boolean hasSynced() {
    return informer.hasSynced();
  }

  public List<GenericKubernetesResource> list() {
    return informer.getStore().list();
  }

  public Optional<GenericKubernetesResource> get(String namespace, String name) {
    String key = namespace == null ? name : Cache.namespaceKeyFunc(namespace, name);
    return Optional.ofNullable(informer.getStore().getByKey(key));
  }

  /** Every object as JSON, for callers that read fields by path. */
  public List<com.fasterxml.jackson.databind.node.ObjectNode> listJson() {
    return list().stream().map(ResourceAccess::toJson).toList();
  }

  public Optional<com.fasterxml.jackson.databind.node.ObjectNode> getJson(
      String namespace, String name) {
    return get(namespace, name).map(ResourceAccess::toJson);
  }

  /** As {@link #addListener}, with the object as JSON. */
  public Runnable addJsonListener(
      Consumer<com.fasterxml.jackson.databind.node.ObjectNode> listener) {
    return addListener(obj -> listener.accept(ResourceAccess.toJson(obj)));
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
