package io.vmconsole.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.vmconsole.cluster.ResourceKinds;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The VMs of a namespace that are Running, followed through a watch started before they are
 * created; {@link #await} returns once {@code wanted} of them are Running at the same time.
 */
final class RunningCount implements AutoCloseable {
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final CountDownLatch reached = new CountDownLatch(1);
  private final int wanted;
  private final Watch watch;
  private volatile WatcherException closed;

  RunningCount(KubernetesClient client, String namespace, int wanted) {
    this.wanted = wanted;
    this.watch =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace(namespace)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, GenericKubernetesResource vm) {
                    String name = vm.getMetadata().getName();
                    if (action != Action.DELETED && "Running".equals(phase(vm))) {
                      running.add(name);
                    } else {
                      running.remove(name);
                    }
                    if (running.size() >= RunningCount.this.wanted) {
                      reached.countDown();
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {
                    closed = cause;
                    reached.countDown();
                  }
                });
  }

  private static Object phase(GenericKubernetesResource vm) {
    return vm.getAdditionalProperties().get("status") instanceof Map<?, ?> status
        ? status.get("phase")
        : null;
  }

  void await() throws InterruptedException {
    if (!reached.await(30, TimeUnit.MINUTES) || closed != null) {
      throw new IllegalStateException(
          running.size() + " of " + wanted + " VMs Running; the watch: " + closed);
    }
  }

  @Override
  public void close() {
    watch.close();
  }
}
