package io.vmconsole.controller;

import static io.vmconsole.controller.ConsoleRestartIT.agentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.ConsoleProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The console stops while a migration runs and another one takes over (issue 8): the agents finish
 * the move between themselves, the new console settles it from their GET /v1/migrations answers,
 * and the guest is neither lost nor run twice. Runs its consoles as processes, like {@link
 * ConsoleRestartIT} (whose data directory it shares; the two never run at once in one JVM).
 */
class MigrationRestartIT extends MigrationItSupport {

  static JsonNode get(
      KubernetesClient api,
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
      String name) {
    GenericKubernetesResource r =
        api.genericKubernetesResources(kind).inNamespace("default").withName(name).get();
    return r == null
        ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : Serialization.jsonMapper().valueToTree(r);
  }

  @Test
  void aConsoleRestartMidMigrationNeitherLosesNorDuplicatesTheGuest() throws Exception {
    deleteRecursively(ConsoleRestartIT.DIR);
    String uid;
    String source;
    long sourceQemu;
    try (ConsoleProcess first = ConsoleRestartIT.console("migration-console-1.log", false);
        KubernetesClient api = ConsoleRestartIT.apiOf()) {
      for (String doc : smallVm("mover", "AlwaysOn", "").split("(?m)^---$")) {
        api.genericKubernetesResources(
                doc.contains("\nkind: VirtualDisk")
                    ? ResourceKinds.VIRTUAL_DISK
                    : ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace("default")
            .resource(Serialization.unmarshal(doc, GenericKubernetesResource.class))
            .create();
      }
      await()
          .atMost(BOOT)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> ConsoleRestartIT.phaseOf(api, "mover").equals("Running"));
      JsonNode vm = get(api, ResourceKinds.VIRTUAL_MACHINE, "mover");
      uid = uid(vm);
      source = node(vm);
      sourceQemu = agentOf(source).vm(uid).orElseThrow().pid();
      api.genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE_OPERATION)
          .inNamespace("default")
          .resource(
              Serialization.unmarshal(
                  """
              apiVersion: virtualization.deckhouse.io/v1alpha2
              kind: VirtualMachineOperation
              metadata:
                name: move
                annotations:
                  vmconsole.io/migration-bandwidth: "2Mi"
              spec:
                virtualMachineName: mover
                type: Evict
              """,
                  GenericKubernetesResource.class))
          .create();
      await()
          .atMost(MIGRATION)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  get(api, ResourceKinds.VIRTUAL_MACHINE_OPERATION, "move")
                          .path("status")
                          .path("migration")
                          .path("bytesTransferred")
                          .asLong(0)
                      > 0);
    }
    String target = other(source);

    try (ConsoleProcess second = ConsoleRestartIT.console("migration-console-2.log", true);
        KubernetesClient api = ConsoleRestartIT.apiOf()) {
      // The move is still under way when the new console takes over (2 MiB/s), and the new
      // console steers a migration it did not start: lifting the limit lets it finish at once.
      assertThat(
              get(api, ResourceKinds.VIRTUAL_MACHINE_OPERATION, "move")
                  .path("status")
                  .path("phase")
                  .asText())
          .isEqualTo("InProgress");
      // As `kubectl annotate vmop move vmconsole.io/migration-bandwidth-`: a merge patch without
      // a resourceVersion. A read-then-write (fabric8's edit) met 409 while the console was
      // writing the operation's progress.
      api.genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE_OPERATION)
          .inNamespace("default")
          .withName("move")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"metadata\":{\"annotations\":{\"vmconsole.io/migration-bandwidth\":null}}}");
      await()
          .atMost(MIGRATION)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  get(api, ResourceKinds.VIRTUAL_MACHINE_OPERATION, "move")
                      .path("status")
                      .path("phase")
                      .asText()
                      .equals("Completed"));
      JsonNode moved = get(api, ResourceKinds.VIRTUAL_MACHINE, "mover");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> ConsoleRestartIT.phaseOf(api, "mover").equals("Running"));
      assertThat(node(moved)).isEqualTo(target);
      long targetQemu = agentOf(target).vm(uid).orElseThrow().pid();
      assertThat(targetQemu).isNotEqualTo(sourceQemu);
      await().atMost(Duration.ofSeconds(30)).until(() -> agentOf(source).vm(uid).isEmpty());
      assertThat(qemuPids(uid)).containsExactly(targetQemu);
      assertThat(AgentLossIT.running(sourceQemu)).isFalse();
    }
  }

  /** Whatever a failed run left behind is stopped by pid. */
  @AfterAll
  static void stopLeftovers() {
    ConsoleRestartIT.stopLeftovers();
  }
}
