package io.vmconsole.controller;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.ConsoleIntegrationTest;
import io.vmconsole.testsupport.Guests;
import io.vmconsole.testsupport.Kubectl;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * What the VM lifecycle ITs share: kubectl, the guests, reading a VM's status and waiting on it.
 */
abstract class VmItSupport extends ConsoleIntegrationTest {
  static final Duration BOOT = Duration.ofMinutes(4);

  /** The seed VM gets 10% of a core: under TCG it boots about ten times slower. */
  static final Duration SLOW_BOOT = Duration.ofMinutes(12);

  Guests guests() {
    return new Guests(agents);
  }

  /** Runs a command as the guest's user on its serial console and returns what it printed. */
  String inGuest(io.vmconsole.testsupport.BootedVm vm, String command) {
    return guests().loginAndRun(vm.nodeName(), vm.vmId(), "cloud", "cloud", command);
  }

  void apply(String namespace, String yaml) throws Exception {
    Kubectl.Result r =
        kubectl().runWithInput(yaml, "apply", "--validate=false", "-n", namespace, "-f", "-");
    if (r.exit() != 0) {
      throw new AssertionError("kubectl apply: " + r.err());
    }
  }

  JsonNode vm(String namespace, String name) {
    GenericKubernetesResource r =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace(namespace)
            .withName(name)
            .get();
    return r == null ? MissingNode.getInstance() : Serialization.jsonMapper().valueToTree(r);
  }

  JsonNode vmop(String namespace, String name) {
    GenericKubernetesResource r =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE_OPERATION)
            .inNamespace(namespace)
            .withName(name)
            .get();
    return r == null ? MissingNode.getInstance() : Serialization.jsonMapper().valueToTree(r);
  }

  String phase(String namespace, String name) {
    return vm(namespace, name).path("status").path("phase").asText("");
  }

  JsonNode awaitVm(String namespace, String name, Duration timeout, Predicate<JsonNode> condition) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> condition.test(vm(namespace, name)));
    return vm(namespace, name);
  }

  JsonNode awaitPhase(String namespace, String name, String phase, Duration timeout) {
    return awaitVm(
        namespace, name, timeout, vm -> vm.path("status").path("phase").asText().equals(phase));
  }

  static String condition(JsonNode vm, String type) {
    for (JsonNode c : vm.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("status").asText()
            + " "
            + c.path("reason").asText()
            + " "
            + c.path("message").asText();
      }
    }
    return "";
  }

  static String node(JsonNode vm) {
    return vm.path("status").path("nodeName").asText();
  }

  static String uid(JsonNode vm) {
    return vm.path("metadata").path("uid").asText();
  }

  /** A disk made from the demo image. */
  static String demoDisk(String name) {
    return """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualDisk
        metadata:
          name: %s
        spec:
          dataSource:
            type: ObjectRef
            objectRef:
              kind: ClusterVirtualImage
              name: demo
        """
        .formatted(name);
  }

  /** A small fast VM of the demo guest (full core, 256 MiB), with its disk. */
  static String smallVm(String name, String runPolicy, String extraSpec) {
    return demoDisk(name + "-root")
        + """
        ---
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata:
          name: %s
          labels:
            app: "%s"
        spec:
          virtualMachineClassName: generic
          runPolicy: %s
          terminationGracePeriodSeconds: 20
          cpu:
            cores: 1
            coreFraction: 100%%
          memory:
            size: 256Mi
          blockDeviceRefs:
            - kind: VirtualDisk
              name: %s-root
        %s"""
            .formatted(name, name, runPolicy, name, extraSpec.indent(2));
  }

  void operation(String namespace, String name, String vmName, String type, boolean force)
      throws Exception {
    apply(
        namespace,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineOperation
        metadata:
          name: %s
        spec:
          virtualMachineName: %s
          type: %s
        %s"""
            .formatted(name, vmName, type, force ? "  force: true\n" : ""));
  }

  JsonNode awaitOp(String namespace, String name, String phase, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              JsonNode op = vmop(namespace, name);
              org.assertj.core.api.Assertions.assertThat(op.path("status").path("phase").asText())
                  .as("vmop %s: %s", name, op.path("status"))
                  .isEqualTo(phase);
            });
    return vmop(namespace, name);
  }

  static String opReason(JsonNode op) {
    return op.path("status").path("conditions").path(0).path("reason").asText();
  }
}
