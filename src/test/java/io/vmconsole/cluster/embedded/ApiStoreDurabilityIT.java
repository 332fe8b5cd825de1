package io.vmconsole.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.datadir.OwnerOnly;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The store as its users rely on it: a create kubectl was answered for is there after the server
 * process is killed outright, with its resourceVersion, and later writes get higher ones; a data
 * directory in the layout before the log (one file per object) is read once, losing nothing.
 */
class ApiStoreDurabilityIT {

  private static final int WRITERS = 8;

  @Test
  void everyAcknowledgedCreateSurvivesASigkillWithItsResourceVersion() throws Exception {
    Path dir = TestServers.newDataDir("sigkill");
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    Process server = TestServers.startProcess(dir);
    List<Thread> writers = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    try (KubernetesClient client = client(dir)) {
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        Thread t =
            new Thread(
                () -> {
                  for (int i = 0; !stop.get(); i++) {
                    String name = "w" + writer + "-" + i;
                    ConfigMap created;
                    try {
                      created =
                          client
                              .configMaps()
                              .inNamespace("default")
                              .resource(
                                  new ConfigMapBuilder()
                                      .withNewMetadata()
                                      .withName(name)
                                      .endMetadata()
                                      .addToData("writer", Integer.toString(writer))
                                      .build())
                              .create();
                    } catch (RuntimeException killed) {
                      return;
                    }
                    acknowledged.put(name, created.getMetadata().getResourceVersion());
                  }
                },
                "writer-" + w);
        writers.add(t);
        t.start();
      }
      await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= 1000);
      // SIGKILL: no shutdown hook, no flush, whatever was in flight is cut.
      server.destroyForcibly().waitFor();
      stop.set(true);
      for (Thread t : writers) {
        t.join();
      }
    } finally {
      server.destroyForcibly().waitFor();
    }

    server = TestServers.startProcess(dir);
    try (KubernetesClient client = client(dir)) {
      Map<String, String> found = new ConcurrentHashMap<>();
      client
          .configMaps()
          .inNamespace("default")
          .list()
          .getItems()
          .forEach(
              cm -> found.put(cm.getMetadata().getName(), cm.getMetadata().getResourceVersion()));
      assertThat(found).containsAllEntriesOf(acknowledged);
      long highest = found.values().stream().mapToLong(Long::parseLong).max().orElseThrow();
      ConfigMap after =
          client
              .configMaps()
              .inNamespace("default")
              .resource(
                  new ConfigMapBuilder().withNewMetadata().withName("after").endMetadata().build())
              .create();
      assertThat(Long.parseLong(after.getMetadata().getResourceVersion()))
          .as("resourceVersions keep increasing across the crash")
          .isGreaterThan(highest);
    } finally {
      server.destroyForcibly().waitFor();
    }
  }

  @Test
  void aDataDirectoryInTheOldLayoutIsReadOnceAndEveryObjectFound() throws Exception {
    Path dir = TestServers.newDataDir("old-layout");
    Map<String, String> objects =
        Map.of(
            "/api/v1/namespaces/legacy",
            """
            {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"legacy","uid":"u-ns",
             "resourceVersion":"7","creationTimestamp":"2026-11-01T10:00:00Z"}}""",
            "/api/v1/namespaces/legacy/secrets/login",
            """
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"login","namespace":"legacy",
             "uid":"u-secret","resourceVersion":"12"},"data":{"password":"c2VjcmV0"}}""",
            "/apis/virtualization.deckhouse.io/v1alpha2/namespaces/legacy/virtualmachines/old-vm",
            """
            {"apiVersion":"virtualization.deckhouse.io/v1alpha2","kind":"VirtualMachine",
             "metadata":{"name":"old-vm","namespace":"legacy","uid":"u-vm","resourceVersion":"40",
             "generation":3,"finalizers":["virtualization.deckhouse.io/test"]},
             "spec":{"virtualMachineClassName":"generic","runPolicy":"AlwaysOff",
             "cpu":{"cores":1,"coreFraction":"10%"},"memory":{"size":"256Mi"},
             "blockDeviceRefs":[{"kind":"VirtualDisk","name":"old-root"}]},
             "status":{"phase":"Stopped"}}""",
            "/api/v1/nodes/old-node",
            """
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"old-node","uid":"u-node",
             "resourceVersion":"33"}}""");
    for (Map.Entry<String, String> o : objects.entrySet()) {
      OwnerOnly.write(
          dir.resolve("objects")
              .resolve(URLEncoder.encode(o.getKey(), StandardCharsets.UTF_8) + ".json"),
          o.getValue());
    }
    try (EmbeddedApiServer server = TestServers.start(dir);
        KubernetesClient client = client(server, dir)) {
      assertFound(client);
      assertThat(dir.resolve("objects")).doesNotExist();
      assertThat(dir.resolve("objects.migrated")).isDirectory();
    }
    // The second start reads the store alone, and still finds everything.
    try (EmbeddedApiServer server = TestServers.start(dir);
        KubernetesClient client = client(server, dir)) {
      assertFound(client);
      ConfigMap created =
          client
              .configMaps()
              .inNamespace("legacy")
              .resource(
                  new ConfigMapBuilder().withNewMetadata().withName("new").endMetadata().build())
              .create();
      assertThat(Long.parseLong(created.getMetadata().getResourceVersion())).isGreaterThan(40);
    }
  }

  private static void assertFound(KubernetesClient client) {
    assertThat(client.namespaces().withName("legacy").get().getMetadata().getUid())
        .isEqualTo("u-ns");
    var secret = client.secrets().inNamespace("legacy").withName("login").get();
    assertThat(secret.getMetadata().getResourceVersion()).isEqualTo("12");
    assertThat(secret.getData()).containsEntry("password", "c2VjcmV0");
    GenericKubernetesResource vm =
        client
            .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace("legacy")
            .withName("old-vm")
            .get();
    assertThat(vm.getMetadata().getUid()).isEqualTo("u-vm");
    assertThat(vm.getMetadata().getResourceVersion()).isEqualTo("40");
    assertThat(vm.getMetadata().getFinalizers())
        .containsExactly("virtualization.deckhouse.io/test");
    assertThat(vm.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Stopped"));
    assertThat(client.nodes().withName("old-node").get().getMetadata().getUid())
        .isEqualTo("u-node");
  }

  private static KubernetesClient client(Path dir) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig")));
    // A request cut by the kill must fail, not be retried against the next server.
    config.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static KubernetesClient client(EmbeddedApiServer server, Path dir) throws Exception {
    server.writeKubeconfig(dir.resolve("kubeconfig"));
    return client(dir);
  }
}
