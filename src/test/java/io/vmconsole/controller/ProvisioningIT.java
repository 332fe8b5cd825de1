package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Provisioning from Secrets (issue 4 §8): what the Secret holds reaches the guest's seed. */
class ProvisioningIT extends VmItSupport {

  @Test
  void cloudInitFromASecretWaitsForTheSecretAndReachesTheGuest() throws Exception {
    String ns = newNamespace("cloudinit");
    apply(
        ns,
        smallVm(
            "ci",
            "AlwaysOn",
            """
        provisioning:
          type: UserDataRef
          userDataRef:
            kind: Secret
            name: ci-user-data
        """));
    JsonNode pending =
        awaitVm(
            ns,
            "ci",
            Duration.ofSeconds(60),
            v -> condition(v, "ProvisioningReady").startsWith("False"));
    assertThat(pending.path("status").path("phase").asText()).isEqualTo("Pending");
    assertThat(condition(pending, "ProvisioningReady")).contains("Secret ci-user-data not found");

    apply(
        ns,
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: ci-user-data
        type: provisioning.virtualization.deckhouse.io/cloud-init
        stringData:
          userData: |
            #cloud-config
            final_message: "provisioned from a Secret"
        """);
    JsonNode vm = awaitPhase(ns, "ci", "Running", BOOT);
    guests().awaitSerial(node(vm), uid(vm), "provisioned from a Secret", BOOT);
    client
        .genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName("ci")
        .delete();
  }

  @Test
  void sysprepFromASecretReachesTheSeed() throws Exception {
    String ns = newNamespace("sysprep");
    apply(
        ns,
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: win-answers
        type: provisioning.virtualization.deckhouse.io/sysprep
        stringData:
          unattend.xml: "<unattend>vmconsole-sysprep-marker</unattend>"
        """);
    apply(
        ns,
        smallVm(
            "win",
            "AlwaysOn",
            """
        provisioning:
          type: SysprepRef
          sysprepRef:
            kind: Secret
            name: win-answers
        """));
    JsonNode vm = awaitPhase(ns, "win", "Running", BOOT);
    JsonNode running = guests().vm(node(vm), uid(vm)).raw();
    assertThat(running.path("spec").path("provisioning").path("type").asText())
        .isEqualTo("sysprep");
    Path seed = Path.of("target/it/nodes", node(vm), "vms", uid(vm), "seed.iso");
    assertThat(new String(Files.readAllBytes(seed), StandardCharsets.ISO_8859_1))
        .contains("vmconsole-sysprep-marker");
    client
        .genericKubernetesResources(io.vmconsole.cluster.ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(ns)
        .withName("win")
        .delete();
  }
}
