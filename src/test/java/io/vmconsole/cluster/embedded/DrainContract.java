package io.vmconsole.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmconsole.testsupport.Kubectl;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * kubectl drain against the embedded server alone: cordon, the pod list by node and label,
 * evictions (granted, or refused with 429 by the {@link EvictionHook}, which drain prints and
 * retries), uncordon. With two kubectls: {@link EmbeddedDrainIT} the one on PATH, {@link
 * DebianDrainIT} Debian 12's (1.20).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DrainContract {
  private EmbeddedApiServer server;
  private Kubectl kubectl;

  abstract Kubectl.Flavour flavour();

  @BeforeAll
  void start() throws Exception {
    Path dir = TestServers.newDataDir("drain-" + flavour().name().toLowerCase());
    server =
        EmbeddedApiServer.builder()
            .dataDirectory(dir)
            .port(0)
            .token(TestServers.TOKEN)
            .customResourceDefinitions(TestServers.crds())
            .evictions(
                (namespace, pod, labels) ->
                    labels.containsKey("hold") ? "held: " + labels.get("hold") : null)
            .build()
            .start();
    kubectl = new Kubectl(server.writeKubeconfig(dir.resolve("kubeconfig")), flavour());
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  @Test
  void drainEvictsWhatTheHookGrantsRetriesWhatItRefusesAndLeavesTheNodeCordoned() throws Exception {
    Kubectl.Result created =
        kubectl.runWithInput(
            """
        apiVersion: v1
        kind: Node
        metadata: {name: n1}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: plain, labels: {app: x}}
        spec: {nodeName: n1, containers: [{name: c, image: i}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: held, labels: {app: x, hold: "a migration is needed"}}
        spec: {nodeName: n1, containers: [{name: c, image: i}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: elsewhere, labels: {app: x}}
        spec: {nodeName: n2, containers: [{name: c, image: i}]}
        """,
            "apply",
            "--validate=false",
            "-f",
            "-");
    assertThat(created.exit()).as(created.err()).isZero();

    Kubectl.Result drain =
        kubectl.run("drain", "n1", "--pod-selector", "app", "--force", "--timeout=8s");
    assertThat(drain.exit()).isNotZero();
    assertThat(drain.out() + drain.err())
        .contains("evicting pod default/plain")
        .contains("held: a migration is needed");
    String pods = kubectl.run("get", "pods", "-o", "name").out();
    assertThat(pods).doesNotContain("pod/plain").contains("pod/held").contains("pod/elsewhere");
    assertThat(kubectl.run("get", "node", "n1").out()).contains("SchedulingDisabled");

    assertThat(kubectl.run("uncordon", "n1").exit()).isZero();
    assertThat(kubectl.run("get", "node", "n1").out()).doesNotContain("SchedulingDisabled");
  }

  /**
   * The seed's first form, without a pod selector: every pod on the node is listed across
   * namespaces; a pod with a controller and an emptyDir volume (as the VMs' placeholder pods) is
   * evicted.
   */
  @Test
  void theSeedsDrainWithoutAPodSelectorEvictsPodsThatHaveAController() throws Exception {
    Kubectl.Result created =
        kubectl.runWithInput(
            """
        apiVersion: v1
        kind: Node
        metadata: {name: n3}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: vms}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: vm-pod
          namespace: vms
          ownerReferences:
          - {apiVersion: virtualization.deckhouse.io/v1alpha2, kind: VirtualMachine, name: linux-vm,
             uid: 6b2c1f3e-0d4a-4a51-9a7e-3f1c2b7d9e10, controller: true}
        spec:
          nodeName: n3
          containers: [{name: c, image: i}]
          volumes: [{name: scratch, emptyDir: {}}]
        """,
            "apply",
            "--validate=false",
            "-f",
            "-");
    assertThat(created.exit()).as(created.err()).isZero();

    Kubectl.Result drain =
        kubectl.run(
            "drain", "n3", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=20s");
    assertThat(drain.exit()).as(drain.out() + drain.err()).isZero();
    // kubectl 1.20 ends with "node/n3 evicted", later ones with "node/n3 drained".
    String done = kubectl.minorVersion() >= 21 ? "node/n3 drained" : "node/n3 evicted";
    assertThat(drain.out() + drain.err())
        .contains("evicting pod vms/vm-pod")
        .contains("pod/vm-pod evicted")
        .contains(done);
    assertThat(kubectl.run("get", "pods", "-n", "vms", "-o", "name").out())
        .doesNotContain("pod/vm-pod");
    assertThat(kubectl.run("uncordon", "n3").exit()).isZero();
  }
}
