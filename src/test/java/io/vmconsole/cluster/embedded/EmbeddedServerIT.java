package io.vmconsole.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The embedded server through the fabric8 client and raw HTTP: persistence, auth, cluster
 * semantics.
 */
class EmbeddedServerIT {

  private static final ResourceDefinitionContext VM =
      new ResourceDefinitionContext.Builder()
          .withGroup("virtualization.deckhouse.io")
          .withVersion("v1alpha2")
          .withKind("VirtualMachine")
          .withPlural("virtualmachines")
          .withNamespaced(true)
          .build();

  private static KubernetesClient client(Path kubeconfig) throws Exception {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
        .build();
  }

  private static GenericKubernetesResource vm(String name) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("virtualization.deckhouse.io/v1alpha2")
        .withKind("VirtualMachine")
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .addToLabels("tier", name != null && name.endsWith("1") ? "a" : "b")
        .endMetadata()
        .addToAdditionalProperties(
            "spec", Map.of("cpu", Map.of("cores", 1), "tags", List.of("x", "y")))
        .build();
  }

  @Test
  void restartKeepsObjectsWithTheirUidAndResourceVersion() throws Exception {
    Path dir = TestServers.newDataDir("restart");
    Map<String, String> before;
    try (EmbeddedApiServer server = TestServers.start(dir);
        KubernetesClient c = client(server.writeKubeconfig(dir.resolve("kubeconfig")))) {
      for (int i = 1; i <= 3; i++) {
        c.genericKubernetesResources(VM).inNamespace("default").resource(vm("vm-" + i)).create();
      }
      GenericKubernetesResource withStatus =
          c.genericKubernetesResources(VM).inNamespace("default").withName("vm-1").get();
      withStatus.setAdditionalProperty("status", Map.of("phase", "Running"));
      withStatus.getMetadata().setFinalizers(List.of("virtualization.deckhouse.io/test"));
      GenericKubernetesResource updated =
          c.genericKubernetesResources(VM).inNamespace("default").resource(withStatus).update();
      updated.setAdditionalProperty("status", Map.of("phase", "Running"));
      c.genericKubernetesResources(VM).inNamespace("default").resource(updated).updateStatus();
      before = snapshot(c);
    }
    try (EmbeddedApiServer server = TestServers.start(dir);
        KubernetesClient c = client(server.writeKubeconfig(dir.resolve("kubeconfig")))) {
      assertThat(snapshot(c)).isEqualTo(before);
      GenericKubernetesResource vm1 =
          c.genericKubernetesResources(VM).inNamespace("default").withName("vm-1").get();
      assertThat(vm1.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Running"));
      assertThat(vm1.getMetadata().getFinalizers())
          .containsExactly("virtualization.deckhouse.io/test");
      // A new write continues after the highest stored resourceVersion.
      long max =
          before.values().stream()
              .mapToLong(v -> Long.parseLong(v.split("/")[1]))
              .max()
              .orElseThrow();
      GenericKubernetesResource created =
          c.genericKubernetesResources(VM).inNamespace("default").resource(vm("vm-4")).create();
      assertThat(Long.parseLong(created.getMetadata().getResourceVersion())).isGreaterThan(max);
    }
  }

  private static Map<String, String> snapshot(KubernetesClient c) {
    return c.genericKubernetesResources(VM).inNamespace("default").list().getItems().stream()
        .collect(
            Collectors.toMap(
                r -> r.getMetadata().getName(),
                r -> r.getMetadata().getUid() + "/" + r.getMetadata().getResourceVersion()));
  }

  @Test
  void refusesRequestsWithoutTheToken() throws Exception {
    Path dir = TestServers.newDataDir("auth");
    try (EmbeddedApiServer server = TestServers.start(dir)) {
      String url = server.url() + "/api/v1/namespaces/default/pods";
      assertThat(status(url, null)).isEqualTo(401);
      assertThat(status(url, "Bearer nope")).isEqualTo(401);
      assertThat(status(url, "Bearer " + TestServers.TOKEN)).isEqualTo(200);
    }
  }

  @Test
  void servesCrudPatchesSelectorsPagingAndAnInformer() throws Exception {
    Path dir = TestServers.newDataDir("client");
    try (EmbeddedApiServer server = TestServers.start(dir);
        KubernetesClient c = client(server.writeKubeconfig(dir.resolve("kubeconfig")))) {
      var vms = c.genericKubernetesResources(VM).inNamespace("default");
      Set<String> seen = ConcurrentHashMap.newKeySet();
      var informer =
          vms.inform(
              new ResourceEventHandler<>() {
                @Override
                public void onAdd(GenericKubernetesResource obj) {
                  seen.add("add:" + obj.getMetadata().getName());
                }

                @Override
                public void onUpdate(
                    GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                  seen.add(
                      "update:"
                          + newObj.getMetadata().getName()
                          + ":"
                          + newObj.getMetadata().getLabels());
                }

                @Override
                public void onDelete(
                    GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                  seen.add("delete:" + obj.getMetadata().getName());
                }
              });
      try {
        GenericKubernetesResource a = vms.resource(vm("vm-1")).create();
        vms.resource(vm("vm-2")).create();
        assertThat(a.getMetadata().getUid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-.*");

        // RFC 7386: null deletes, arrays are replaced.
        var patched =
            vms.withName("vm-1")
                .patch(
                    PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":{\"tier\":null}},\"spec\":{\"tags\":[\"z\"]}}");
        assertThat(patched.getMetadata().getLabels()).doesNotContainKey("tier");
        assertThat(patched.getAdditionalProperties().get("spec"))
            .isEqualTo(Map.of("cpu", Map.of("cores", 1), "tags", List.of("z")));

        // A failing JSON patch op answers 422 instead of hanging.
        assertThatThrownBy(
                () ->
                    vms.withName("vm-1")
                        .patch(
                            PatchContext.of(PatchType.JSON),
                            "[{\"op\":\"test\",\"path\":\"/spec/cpu/cores\",\"value\":7}]"))
            .isInstanceOfSatisfying(
                KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));

        // Set-based selectors, field selectors, paging.
        assertThat(vms.withLabelSelector("tier in (a,b)").list().getItems()).hasSize(1);
        assertThat(vms.withLabelSelector("tier notin (b)").list().getItems())
            .extracting(r -> r.getMetadata().getName())
            .containsExactly("vm-1");
        assertThat(vms.withField("metadata.name", "vm-2").list().getItems()).hasSize(1);
        var page =
            vms.list(
                new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build());
        assertThat(page.getItems()).hasSize(1);
        assertThat(page.getMetadata().getContinue()).isNotEmpty();
        var rest =
            vms.list(
                new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                    .withLimit(1L)
                    .withContinue(page.getMetadata().getContinue())
                    .build());
        assertThat(rest.getItems())
            .extracting(r -> r.getMetadata().getName())
            .containsExactly("vm-2");

        // generateName gets five random characters.
        GenericKubernetesResource generated = vm(null);
        generated.getMetadata().setGenerateName("vm-");
        assertThat(vms.resource(generated).create().getMetadata().getName())
            .matches("vm-[a-z0-9]{5}");

        // Stale updates and delete preconditions conflict.
        GenericKubernetesResource stale = vms.withName("vm-2").get();
        vms.withName("vm-2")
            .edit(
                r -> {
                  r.getMetadata().getLabels().put("x", "1");
                  return r;
                });
        assertThatThrownBy(() -> vms.resource(stale).update())
            .isInstanceOfSatisfying(
                KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThatThrownBy(
                () ->
                    vms.resource(stale)
                        .lockResourceVersion(stale.getMetadata().getResourceVersion())
                        .delete())
            .isInstanceOfSatisfying(
                KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        // Finalizers hold a deletion; a PUT with deletionTimestamp null does not undo it.
        vms.withName("vm-2")
            .edit(
                r -> {
                  r.getMetadata().setFinalizers(List.of("test/hold"));
                  return r;
                });
        vms.withName("vm-2").delete();
        GenericKubernetesResource deleting = vms.withName("vm-2").get();
        assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();
        deleting.getMetadata().setDeletionTimestamp(null);
        assertThat(vms.resource(deleting).update().getMetadata().getDeletionTimestamp())
            .isNotNull();
        vms.withName("vm-2")
            .edit(
                r -> {
                  r.getMetadata().setFinalizers(List.of());
                  return r;
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> vms.withName("vm-2").get() == null);

        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> seen.containsAll(List.of("add:vm-1", "update:vm-1:{}", "delete:vm-2")));

        // A watch from a resourceVersion replays what happened after it; set-based selectors apply.
        String from = vms.list().getMetadata().getResourceVersion();
        GenericKubernetesResource later = vm("vm-11");
        vms.resource(later).create();
        vms.resource(vm("vm-12")).create();
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var w =
            vms.withLabelSelector("tier in (a)")
                .watch(
                    new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                        .withResourceVersion(from)
                        .build(),
                    new io.fabric8.kubernetes.client.Watcher<GenericKubernetesResource>() {
                      @Override
                      public void eventReceived(Action action, GenericKubernetesResource resource) {
                        events.add(action + ":" + resource.getMetadata().getName());
                      }

                      @Override
                      public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
                    })) {
          await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("ADDED:vm-11"));
          vms.withName("vm-11").delete();
          await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("DELETED:vm-11"));
          assertThat(events).doesNotContain("ADDED:vm-12").doesNotContain("ADDED:vm-1");
        }
      } finally {
        informer.close();
      }
    }
  }

  @Test
  void evictsPodsDeletesCollectionsAndReportsAdmissionCauses() throws Exception {
    Path dir = TestServers.newDataDir("evict");
    try (EmbeddedApiServer server = TestServers.start(dir);
        KubernetesClient c = client(server.writeKubeconfig(dir.resolve("kubeconfig")))) {
      c.pods()
          .inNamespace("default")
          .resource(
              new io.fabric8.kubernetes.api.model.PodBuilder()
                  .withNewMetadata()
                  .withName("placeholder")
                  .endMetadata()
                  .withNewSpec()
                  .withNodeName("node-1")
                  .addNewContainer()
                  .withName("c")
                  .withImage("pause")
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
      assertThat(
              c.pods()
                  .inNamespace("default")
                  .withField("spec.nodeName", "node-1")
                  .list()
                  .getItems())
          .hasSize(1);
      assertThat(c.pods().inNamespace("default").withName("placeholder").evict()).isTrue();
      assertThat(c.pods().inNamespace("default").withName("placeholder").get()).isNull();

      // A namespace that does not exist is refused as a cluster refuses it, and nothing is stored
      // there.
      assertThatThrownBy(
              () ->
                  c.genericKubernetesResources(VM)
                      .inNamespace("typo")
                      .resource(vm("vm-1"))
                      .create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(404);
                assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"typo\" not found");
              });
      assertThat(c.genericKubernetesResources(VM).inAnyNamespace().list().getItems()).isEmpty();

      var vms = c.genericKubernetesResources(VM).inNamespace("default");
      vms.resource(vm("vm-1")).create();
      vms.resource(vm("vm-2")).create();
      vms.withLabelSelector("tier=b").delete();
      assertThat(vms.list().getItems())
          .extracting(r -> r.getMetadata().getName())
          .containsExactly("vm-1");

      GenericKubernetesResource big = vm("vm-big");
      big.setAdditionalProperty(
          "spec", Map.of("provisioning", Map.of("userData", "x".repeat(3000))));
      assertThatThrownBy(() -> vms.resource(big).create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(422);
                assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                assertThat(e.getStatus().getMessage())
                    .isEqualTo(
                        "VirtualMachine.virtualization.deckhouse.io \"vm-big\""
                            + " is invalid: spec.provisioning.userData: must be at most 2048 bytes");
                assertThat(e.getStatus().getDetails().getCauses())
                    .singleElement()
                    .satisfies(
                        cause -> {
                          assertThat(cause.getField()).isEqualTo("spec.provisioning.userData");
                          assertThat(cause.getReason()).isEqualTo("FieldValueInvalid");
                        });
              });
    }
  }

  private static int status(String url, String authorization) throws Exception {
    var conn = (javax.net.ssl.HttpsURLConnection) URI.create(url).toURL().openConnection();
    conn.setSSLSocketFactory(trustAll().getSocketFactory());
    conn.setHostnameVerifier((host, session) -> true);
    if (authorization != null) {
      conn.setRequestProperty("Authorization", authorization);
    }
    try {
      return conn.getResponseCode();
    } finally {
      conn.disconnect();
    }
  }

  private static SSLContext trustAll() throws Exception {
    // The embedded server's certificate is self-signed per start (see ApiFront).
    TrustManager tm =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
    return ctx;
  }
}
