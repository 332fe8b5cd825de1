package io.vmconsole.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;

/** The cluster's namespaces, from an informer; and creating one. */
public class NamespaceDirectory implements AutoCloseable {
  private final KubernetesClient client;
  private final SharedIndexInformer<Namespace> informer;

  public NamespaceDirectory(KubernetesClient client) {
    this.client = client;
    this.informer = client.namespaces().runnableInformer(0);
  }

  public void start() {
    informer.start().toCompletableFuture().join();
  }

  InformerState state() {
    return new InformerState("Namespace", informer);
  }

  public List<String> names() {
    return informer.getStore().list().stream()
        .map(ns -> ns.getMetadata().getName())
        .sorted()
        .toList();
  }

  public void create(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  @Override
  public void close() {
    informer.close();
  }
}
