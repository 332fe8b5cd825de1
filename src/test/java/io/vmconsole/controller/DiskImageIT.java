package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.cluster.ResourceKinds;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Disks and images, minimal (issue 4 §2): an image imported from an http URL, disks from it and
 * blank.
 */
class DiskImageIT extends VmItSupport {

  JsonNode get(
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
      String ns,
      String name) {
    var r = client.genericKubernetesResources(kind).inNamespace(ns).withName(name).get();
    return r == null
        ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : Serialization.jsonMapper().valueToTree(r);
  }

  @Test
  void anImageFromAnHttpUrlBacksADiskAndABlankDiskHasItsSize() throws Exception {
    Path image =
        Path.of(System.getProperty("user.home"), ".cache/vm-console/guest-image/disk.qcow2");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/demo.qcow2",
        exchange -> {
          exchange.sendResponseHeaders(200, Files.size(image));
          try (var out = exchange.getResponseBody()) {
            Files.copy(image, out);
          }
        });
    server.start();
    try {
      String ns = newNamespace("images");
      apply(
          ns,
          """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualImage
          metadata:
            name: from-http
          spec:
            storage: ContainerRegistry
            dataSource:
              type: HTTP
              http:
                url: http://127.0.0.1:%d/demo.qcow2
          ---
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualDisk
          metadata:
            name: from-image
          spec:
            dataSource:
              type: ObjectRef
              objectRef:
                kind: VirtualImage
                name: from-http
          ---
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualDisk
          metadata:
            name: blank
          spec:
            persistentVolumeClaim:
              size: 100Mi
          """
              .formatted(server.getAddress().getPort()));
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  get(ResourceKinds.VIRTUAL_IMAGE, ns, "from-http")
                      .path("status")
                      .path("phase")
                      .asText()
                      .equals("Ready"));
      JsonNode vi = get(ResourceKinds.VIRTUAL_IMAGE, ns, "from-http");
      assertThat(vi.path("status").path("progress").asText()).isEqualTo("100%");
      assertThat(vi.path("status").path("format").asText()).isEqualTo("qcow2");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  get(ResourceKinds.VIRTUAL_DISK, ns, "from-image")
                      .path("status")
                      .path("phase")
                      .asText()
                      .equals("Ready"));
      assertThat(
              get(ResourceKinds.VIRTUAL_DISK, ns, "from-image")
                  .path("status")
                  .path("capacity")
                  .asText())
          .isEqualTo("32Mi");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  get(ResourceKinds.VIRTUAL_DISK, ns, "blank")
                      .path("status")
                      .path("phase")
                      .asText()
                      .equals("Ready"));
      assertThat(
              get(ResourceKinds.VIRTUAL_DISK, ns, "blank").path("status").path("capacity").asText())
          .isEqualTo("100Mi");
      JsonNode transitions =
          get(ResourceKinds.VIRTUAL_DISK, ns, "blank").path("status").path("conditions");
      assertThat(transitions.toString()).contains("\"type\":\"Ready\"");
    } finally {
      server.stop(0);
    }
  }
}
