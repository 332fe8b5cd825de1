package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceAccess;
import io.vmconsole.cluster.ResourceAccess.ClusterException;
import io.vmconsole.cluster.ResourceAccess.ConflictException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps one placeholder Pod per node where a VM has a QEMU (DESIGN.md "Placeholder pods"): the source
 * and, while a migration is in progress, the target. Pods are only created and deleted, never changed.
 */
final class PlaceholderPodReconciler {
  private final ControllerContext ctx;
  private final ResourceAccess pods;

  PlaceholderPodReconciler(ControllerContext ctx) {
    this.ctx = ctx;
    this.pods = ctx.access(Kind.POD);
  }

  void reconcile(String namespace, String vmName) {
    JsonNode vm = ctx.cache(Kind.VIRTUAL_MACHINE).getJson(namespace, vmName).orElse(null);
    Map<String, ObjectNode> wanted = new TreeMap<>();
    if (vm != null) {
      for (String node : nodes(vm)) {
        ObjectNode pod = pod(vm, node);
        wanted.put(pod.path("metadata").path("name").asText(), pod);
      }
    }
    for (ObjectNode existing : ctx.cache(Kind.POD).listJson()) {
      JsonNode meta = existing.path("metadata");
      if (!namespace.equals(meta.path("namespace").asText())
          || !vmName.equals(meta.path("labels").path(PlaceholderPods.VM_LABEL).asText())) {
        continue;
      }
      String name = meta.path("name").asText();
      if (wanted.remove(name) == null) {
        delete(namespace, name);
      }
    }
    for (ObjectNode pod : wanted.values()) {
      try {
        pods.create(pod);
      } catch (ConflictException alreadyThere) {
        // The cache had not seen it yet: the pod is what we want.
      }
    }
  }

  private void delete(String namespace, String name) {
    try {
      pods.delete(namespace, name);
    } catch (ClusterException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  /**
   * The nodes where the VM has (or is about to have) a QEMU: its node while it is placed and not
   * stopped, plus the target of a migration in progress.
   */
  static Set<String> nodes(JsonNode vm) {
    Set<String> nodes = new LinkedHashSet<>();
    JsonNode status = vm.path("status");
    String phase = status.path("phase").asText("");
    if (vm.path("metadata").hasNonNull("deletionTimestamp") && !phase.equals("Terminating")) {
      return nodes;
    }
    boolean hasQemu = !phase.isEmpty() && !phase.equals("Pending") && !phase.equals("Stopped");
    if (hasQemu && !status.path("nodeName").asText("").isEmpty()) {
      nodes.add(status.path("nodeName").asText());
    }
    JsonNode migration = status.path("migrationState");
    String target = migration.path("target").path("node").asText("");
    boolean inProgress = !migration.hasNonNull("endTimestamp") && !migration.hasNonNull("result");
    if (hasQemu && migration.isObject() && inProgress && !target.isEmpty()) {
      nodes.add(target);
    }
    return nodes;
  }

  static ObjectNode pod(JsonNode vm, String node) {
    JsonNode meta = vm.path("metadata");
    String vmName = meta.path("name").asText();
    ObjectNode pod = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode podMeta = pod.putObject("metadata")
        .put("name", PlaceholderPods.podName(vmName, meta.path("uid").asText(), node))
        .put("namespace", meta.path("namespace").asText());
    podMeta.putObject("labels").put(PlaceholderPods.VM_LABEL, vmName);
    podMeta.putArray("ownerReferences").addObject()
        .put("apiVersion", vm.path("apiVersion").asText("virtualization.deckhouse.io/v1alpha2"))
        .put("kind", "VirtualMachine").put("name", vmName).put("uid", meta.path("uid").asText())
        .put("controller", true).put("blockOwnerDeletion", true);
    Scheduler.Vm resources = ControllerContext.schedulerVm(vm);
    ObjectNode spec = pod.putObject("spec").put("nodeName", node).put("restartPolicy", "Never");
    ObjectNode container = spec.putArray("containers").addObject().put("name", "compute")
        .put("image", "vmconsole/placeholder");
    ObjectNode requests = container.putObject("resources").putObject("requests")
        .put("cpu", resources.cpuMillis() + "m").put("memory", String.valueOf(resources.memoryBytes()));
    container.with("resources").set("limits", requests.deepCopy());
    ObjectNode status = pod.putObject("status").put("phase", "Running");
    status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
    return pod;
  }
}
