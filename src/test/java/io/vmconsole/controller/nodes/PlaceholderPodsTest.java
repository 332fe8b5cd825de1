package io.vmconsole.controller.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmconsole.api.core.PlaceholderPods;
import io.vmconsole.api.vm.VmObject;
import org.junit.jupiter.api.Test;

/** Where a VM's placeholder pods belong, and what one looks like (DESIGN.md "Placeholder pods"). */
class PlaceholderPodsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static VmObject vm(String status) throws Exception {
    return VmObject.of(
        JSON.readTree(
            ("{'apiVersion':'virtualization.deckhouse.io/v1alpha2','kind':'VirtualMachine',"
                    + "'metadata':{'name':'web','namespace':'prod','uid':'u-1'},"
                    + "'spec':{'cpu':{'cores':2,'coreFraction':'50%'},'memory':{'size':'1Gi'}},'status':"
                    + status
                    + "}")
                .replace('\'', '"')));
  }

  @Test
  void aRunningVmHasOnePodOnItsNode() throws Exception {
    assertThat(PlaceholderPodReconciler.nodes(vm("{'phase':'Running','nodeName':'node-1'}")))
        .containsExactly("node-1");
  }

  @Test
  void aMigratingVmHasAPodOnTheTargetTooUntilTheMigrationEnds() throws Exception {
    assertThat(
            PlaceholderPodReconciler.nodes(
                vm(
                    "{'phase':'Migrating','nodeName':'node-1','migrationState':"
                        + "{'source':{'node':'node-1'},'target':{'node':'node-2'}}}")))
        .containsExactly("node-1", "node-2");
    assertThat(
            PlaceholderPodReconciler.nodes(
                vm(
                    "{'phase':'Running','nodeName':'node-2','migrationState':"
                        + "{'source':{'node':'node-1'},'target':{'node':'node-2'},'result':'Succeeded',"
                        + "'endTimestamp':'2026-11-26T01:00:00Z'}}")))
        .containsExactly("node-2");
  }

  @Test
  void aStoppedOrUnplacedVmHasNone() throws Exception {
    assertThat(PlaceholderPodReconciler.nodes(vm("{'phase':'Stopped','nodeName':'node-1'}")))
        .isEmpty();
    assertThat(PlaceholderPodReconciler.nodes(vm("{'phase':'Pending'}"))).isEmpty();
  }

  @Test
  void thePodRequestsTheVmsResourcesAndBelongsToIt() throws Exception {
    // As the API receives it.
    JsonNode pod =
        new ObjectMapper()
            .valueToTree(
                PlaceholderPodReconciler.pod(
                    vm("{'phase':'Running','nodeName':'node-1'}"), "node-1"));
    assertThat(pod.path("metadata").path("name").asText())
        .isEqualTo(PlaceholderPods.podName("web", "u-1", "node-1"))
        .startsWith("virt-launcher-web-");
    assertThat(pod.path("metadata").path("labels").path(PlaceholderPods.VM_LABEL).asText())
        .isEqualTo("web");
    assertThat(pod.path("metadata").path("ownerReferences").path(0).path("uid").asText())
        .isEqualTo("u-1");
    assertThat(pod.path("metadata").path("ownerReferences").path(0).path("controller").asBoolean())
        .isTrue();
    assertThat(pod.path("spec").path("nodeName").asText()).isEqualTo("node-1");
    JsonNode requests =
        pod.path("spec").path("containers").path(0).path("resources").path("requests");
    assertThat(requests.path("cpu").asText()).isEqualTo("1000m");
    assertThat(requests.path("memory").asText()).isEqualTo(String.valueOf(1L << 30));
    assertThat(pod.path("status").path("phase").asText()).isEqualTo("Running");
  }
}
