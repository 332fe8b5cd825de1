package io.vmconsole.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.agent.AgentEndpoint;
import io.vmconsole.agent.HttpAgentClient;
import io.vmconsole.cluster.ResourceKinds;
import io.vmconsole.testsupport.ConsoleProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A console restarted with two VMs running (issue 4 §1, §4): the new console re-adopts the agents
 * (no second agent process) and the VMs stay Running with the same QEMU pids. The console runs as
 * its own process on a data directory of its own; the last one stops every VM and agent when it
 * ends.
 */
class ConsoleRestartIT extends VmItSupport {
  static final Path DIR = Path.of("target/it-restart").toAbsolutePath();
  static final Path HANDED_OUT = DIR.resolveSibling("it-restart-kubeconfig");

  static ConsoleProcess console(String log, boolean stopAll) throws Exception {
    return new ConsoleProcess(
        DIR.getParent().resolve(log),
        "vmconsole.data-dir=" + DIR,
        "vmconsole.security.initial-admin-password=restart-admin-pw",
        "vmconsole.topology.stop-vms-on-shutdown=" + stopAll,
        "vmconsole.https.self-signed=true",
        "vaadin.launch-browser=false");
  }

  static KubernetesClient apiOf() throws Exception {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(DIR.resolve("kubeconfig"))))
        .build();
  }

  static String phaseOf(KubernetesClient api, String name) {
    GenericKubernetesResource vm =
        api.genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
            .inNamespace("default")
            .withName(name)
            .get();
    return vm == null
        ? ""
        : Serialization.jsonMapper().valueToTree(vm).path("status").path("phase").asText();
  }

  static HttpAgentClient agentOf(String node) throws Exception {
    Path dir = DIR.resolve("nodes").resolve(node);
    return new HttpAgentClient(
        new AgentEndpoint(
            node,
            URI.create("http://127.0.0.1:" + Files.readString(dir.resolve("agent.port")).trim()),
            Files.readString(dir.resolve("agent-token")).trim()));
  }

  /** VM uid → QEMU pid, over both nodes. */
  static Map<String, Long> qemuPids() throws Exception {
    Map<String, Long> pids = new HashMap<>();
    for (String node : List.of("node-1", "node-2")) {
      agentOf(node).vms().stream()
          .filter(v -> v.pid() != null)
          .forEach(v -> pids.put(v.vmId(), v.pid()));
    }
    return pids;
  }

  static long agentProcesses() {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("node-agent.jar") && c.contains(DIR.toString()))
                    .orElse(false))
        .count();
  }

  @Test
  void bothVmsKeepRunningWithTheSameQemuAndNoDuplicateAgents() throws Exception {
    deleteRecursively(DIR);
    Map<String, Long> before;
    String consoleCertificate;
    Map<String, String> agentPids = new HashMap<>();
    try (ConsoleProcess first = console("restart-console-1.log", false);
        KubernetesClient api = apiOf()) {
      for (String name : List.of("keep-1", "keep-2")) {
        for (String doc : smallVm(name, "AlwaysOn", "").split("(?m)^---$")) {
          api.genericKubernetesResources(
                  doc.contains("\nkind: VirtualDisk")
                      ? ResourceKinds.VIRTUAL_DISK
                      : ResourceKinds.VIRTUAL_MACHINE)
              .inNamespace("default")
              .resource(Serialization.unmarshal(doc, GenericKubernetesResource.class))
              .create();
        }
      }
      await()
          .atMost(BOOT)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  phaseOf(api, "keep-1").equals("Running")
                      && phaseOf(api, "keep-2").equals("Running"));
      before = qemuPids();
      consoleCertificate = servesHttpsWithItsOwnCertificate(first);
      Files.copy(
          DIR.resolve("kubeconfig"), HANDED_OUT, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      for (String node : List.of("node-1", "node-2")) {
        agentPids.put(
            node, Files.readString(DIR.resolve("nodes").resolve(node).resolve("agent.pid")).trim());
      }
    }
    assertThat(before).hasSize(2);
    assertThat(agentProcesses()).isEqualTo(2);
    before
        .values()
        .forEach(
            pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true));

    try (ConsoleProcess second = console("restart-console-2.log", true);
        KubernetesClient api = apiOf()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  phaseOf(api, "keep-1").equals("Running")
                      && phaseOf(api, "keep-2").equals("Running"));
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(15))
          .until(() -> qemuPids().equals(before));
      assertThat(agentProcesses()).isEqualTo(2);
      assertThat(servesHttpsWithItsOwnCertificate(second))
          .as("the same HTTPS certificate")
          .isEqualTo(consoleCertificate);
      for (String node : List.of("node-1", "node-2")) {
        assertThat(Files.readString(DIR.resolve("nodes").resolve(node).resolve("agent.pid")).trim())
            .isEqualTo(agentPids.get(node));
      }
      // The API kept its CA, certificate and port: a kubeconfig handed out before works, TLS
      // verified.
      try (KubernetesClient old =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(Files.readString(HANDED_OUT)))
              .build()) {
        assertThat(phaseOf(old, "keep-1")).isEqualTo("Running");
      }
    }
    // The second console stopped everything on its way out.
    before
        .values()
        .forEach(
            pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse());
    assertThat(agentProcesses()).isZero();
  }

  /**
   * Issue 16, item 2: {@code vmconsole.https.self-signed} serves the pages over HTTPS that a client
   * trusting only the data directory's CA accepts (name verified), with HSTS and a Secure session
   * cookie, the key owner-only. Returns the certificate, to compare across the restart.
   */
  static String servesHttpsWithItsOwnCertificate(ConsoleProcess console) throws Exception {
    assertThat(console.baseUrl()).startsWith("https://localhost:");
    HttpResponse<Void> login =
        console
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(console.baseUrl() + "/login")).build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.headers().firstValue("Strict-Transport-Security"))
        .hasValueSatisfying(v -> assertThat(v).contains("max-age="));
    assertThat(login.headers().allValues("Set-Cookie"))
        .filteredOn(c -> c.startsWith("JSESSIONID="))
        .singleElement()
        .satisfies(c -> assertThat(c).containsIgnoringCase("; Secure"));
    assertThat(java.nio.file.Files.getPosixFilePermissions(DIR.resolve("pki/console.key")))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    return Files.readString(DIR.resolve("pki/console.crt"));
  }

  /** Whatever a failed run left behind is stopped by pid. */
  @AfterAll
  static void stopLeftovers() {
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(DIR.toString())).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
  }
}
