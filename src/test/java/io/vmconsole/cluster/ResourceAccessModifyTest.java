package io.vmconsole.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vmconsole.cluster.ResourceAccess.ConflictException;
import io.vmconsole.cluster.embedded.EmbeddedApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared write primitive every read-change-write uses: a change from a fresh read, nothing
 * written when nothing changed, and a lost race read and applied again (against the in-process API
 * server).
 */
class ResourceAccessModifyTest {
  private static EmbeddedApiServer server;
  private static KubernetesClient client;
  private static ResourceAccess configMaps;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "modify-");
    server =
        EmbeddedApiServer.builder()
            .dataDirectory(dir)
            .port(0)
            .token("modify-test-token-0123")
            .customResourceDefinitions(EmbeddedApiServer.classpathCustomResourceDefinitions())
            .build()
            .start();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                Config.fromKubeconfig(
                    Files.readString(server.writeKubeconfig(dir.resolve("kubeconfig")))))
            .build();
    configMaps =
        new ResourceAccess(client, ResourceDefinitionContext.fromResourceType(ConfigMap.class));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
  }

  private static ObjectNode configMap(String name) {
    ObjectNode cm =
        JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", name).put("namespace", "default");
    cm.putObject("data").put("a", "1");
    return configMaps.create(cm);
  }

  private static String version(ObjectNode o) {
    return o.path("metadata").path("resourceVersion").asText();
  }

  @Test
  void aChangeIsWrittenAndANoChangeWritesNothing() {
    ObjectNode created = configMap("modify-1");
    ObjectNode changed =
        configMaps.modify("default", "modify-1", cm -> cm.with("data").put("b", "2")).orElseThrow();
    assertThat(changed.path("data").path("b").asText()).isEqualTo("2");
    assertThat(version(changed)).isNotEqualTo(version(created));

    ObjectNode same =
        configMaps.modify("default", "modify-1", cm -> cm.with("data").put("b", "2")).orElseThrow();
    assertThat(version(same)).isEqualTo(version(changed));
  }

  @Test
  void anAbsentObjectIsNotCreated() {
    assertThat(configMaps.modify("default", "modify-none", cm -> cm.with("data").put("x", "y")))
        .isEmpty();
    assertThat(configMaps.get("default", "modify-none")).isEmpty();
  }

  @Test
  void aRaceLostToAnotherWriterIsReadAgainAndBothChangesStay() {
    configMap("modify-2");
    AtomicInteger attempts = new AtomicInteger();
    ObjectNode stored =
        configMaps
            .modify(
                "default",
                "modify-2",
                cm -> {
                  if (attempts.incrementAndGet() == 1) {
                    // Another writer gets in between this read and this write.
                    configMaps.modify(
                        "default", "modify-2", other -> other.with("data").put("other", "yes"));
                  }
                  cm.with("data").put("mine", "yes");
                })
            .orElseThrow();
    assertThat(attempts).hasValue(2);
    assertThat(stored.path("data").path("other").asText()).isEqualTo("yes");
    assertThat(stored.path("data").path("mine").asText()).isEqualTo("yes");
  }

  @Test
  void retryingGivesUpAfterItsAttemptsWithTheLastConflict() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                ResourceAccess.retryOnConflict(
                    () -> {
                      throw new ConflictException("lost " + attempts.incrementAndGet());
                    }))
        .isInstanceOf(ConflictException.class)
        .hasMessage("lost " + ResourceAccess.CONFLICT_ATTEMPTS);
  }

  @Test
  void otherFailuresAreNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                ResourceAccess.retryOnConflict(
                    () -> {
                      attempts.incrementAndGet();
                      throw new IllegalStateException("no");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(attempts).hasValue(1);
  }
}
