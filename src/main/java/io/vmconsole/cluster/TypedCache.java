package io.vmconsole.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An informer-fed copy of one typed kind; listeners hear every add, update and delete. */
final class TypedCache<T extends HasMetadata> implements AutoCloseable {
  private final SharedIndexInformer<T> informer;
  private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

  TypedCache(SharedIndexInformer<T> informer) {
    this.informer = informer;
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(T obj) {
            fire(obj);
          }

          @Override
          public void onUpdate(T oldObj, T newObj) {
            fire(newObj);
          }

          @Override
          public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            fire(obj);
          }
        });
  }

  void start() {
    informer.start().toCompletableFuture().join();
  }

  InformerState state(String kind) {
    return new InformerState(kind, informer);
  }

  List<T> list() {
    return informer.getStore().list();
  }

  Optional<T> get(String namespace, String name) {
    String key = namespace == null ? name : Cache.namespaceKeyFunc(namespace, name);
    return Optional.ofNullable(informer.getStore().getByKey(key));
  }

  Runnable addListener(Consumer<T> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void fire(T obj) {
    listeners.forEach(l -> l.accept(obj));
  }

  /** The objects an indexer the informer was given files under {@code key}. */
  List<T> byIndex(String index, String key) {
    return informer.getIndexer().byIndex(index, key);
  }

  @Override
  public void close() {
    informer.close();
  }
}
