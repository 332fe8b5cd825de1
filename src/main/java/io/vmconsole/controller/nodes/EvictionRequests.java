package io.vmconsole.controller.nodes;

import io.vmconsole.api.core.NodeDrain;
import io.vmconsole.api.core.PlaceholderPods;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vmop.VmopObject;
import io.vmconsole.base.LogSafe;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.embedded.EvictionHook;
import io.vmconsole.controller.runtime.ControllerContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An eviction of a VM's placeholder pod (kubectl drain) is answered the KubeVirt way: the pod stays
 * (429, so drain retries) and the VM is asked to live-migrate with an Evict operation; the pod goes
 * when the VM has left. A VM that cannot migrate keeps its pod, and the refusal says why. Answers
 * from the caches only (it runs under the API server's write lock); the operation is created on a
 * thread of its own.
 */
public final class EvictionRequests implements EvictionHook, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EvictionRequests.class);

  /** Drain retries every 5 s; a request newer than this is still on its way into the cache. */
  private static final Duration IN_FLIGHT = Duration.ofSeconds(15);

  private final ControllerContext ctx;
  private final Map<String, Instant> requested = new ConcurrentHashMap<>();
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "eviction-requests");
            t.setDaemon(true);
            return t;
          });

  public EvictionRequests(ControllerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String refusal(String namespace, String pod, Map<String, String> labels) {
    String vmName = labels.get(PlaceholderPods.VM_LABEL);
    if (vmName == null) {
      return null;
    }
    Optional<VmObject> found = ctx.cached().vm(namespace, vmName);
    if (found.isEmpty()) {
      return null;
    }
    VmObject vm = found.get();
    String who = "VirtualMachine " + namespace + "/" + vmName;
    String uid = vm.uid();
    String node = vm.nodeName().orElse("");
    if (node.isEmpty() || !pod.equals(PlaceholderPods.podName(vmName, uid, node))) {
      boolean target =
          PlaceholderPodReconciler.nodes(vm).stream()
              .anyMatch(n -> pod.equals(PlaceholderPods.podName(vmName, uid, n)));
      // A pod the VM has left is stale: it may go at once.
      return target ? who + " is migrating to this node; wait until the migration has ended" : null;
    }
    Optional<String> blocker = vm.migrationBlocker();
    if (blocker.isPresent()) {
      return who + " cannot be migrated: " + blocker.get();
    }
    Optional<VmopObject> active = activeMigration(namespace, vmName);
    if (active.isPresent()) {
      String progress = active.get().progressText();
      return who
          + " is being migrated by VirtualMachineOperation "
          + active.get().name()
          + (progress.isEmpty() ? "" : " (" + progress + ")");
    }
    String key = namespace + "/" + vmName;
    Instant now = Instant.now();
    Instant before = requested.get(key);
    if (before == null || before.plus(IN_FLIGHT).isBefore(now)) {
      requested.put(key, now);
      writer.execute(() -> createEvict(namespace, vmName));
    }
    return "Eviction triggered evacuation of " + who + " (live migration)";
  }

  /** An Evict or Migrate operation of the VM that has not finished. */
  Optional<VmopObject> activeMigration(String namespace, String vmName) {
    return ctx.cached().vmops().stream()
        .filter(o -> o.concerns(namespace, vmName) && o.isLiveMigration() && !o.isOver())
        .findFirst();
  }

  private void createEvict(String namespace, String vmName) {
    if (activeMigration(namespace, vmName).isPresent()) {
      return;
    }
    try {
      ctx.create(
          Kind.VIRTUAL_MACHINE_OPERATION,
          EvictOperations.evict(
              namespace,
              vmName,
              "evict",
              Map.of(NodeDrain.REASON_LABEL, NodeDrain.REASON_EVICTION)));
    } catch (RuntimeException e) {
      requested.remove(namespace + "/" + vmName);
      log.warn(
          "eviction of VirtualMachine {}/{}: cannot create the Evict operation: {}",
          namespace,
          vmName,
          LogSafe.failure(e));
    }
  }

  @Override
  public void close() {
    writer.shutdownNow();
  }
}
