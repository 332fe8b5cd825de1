package io.vmconsole.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.agent.AgentEndpoint;
import io.vmconsole.cluster.ResourceKinds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A demo-guest VirtualMachine run by the product itself: the test writes the VirtualDisk and the
 * VirtualMachine through the API, the controller places it on a node and its agent runs QEMU. The
 * guest has user {@code cloud}/{@code cloud} with an SSH key of the test's own. Power changes go
 * through VirtualMachineOperations, as a user's would.
 */
public final class BootedVm {
  // SHA-512 crypt of "cloud": busybox login checks SHA-512 crypt (the guest's smoke test uses the
  // same).
  private static final String CLOUD_HASH =
      "$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/";
  private static final Duration BOOT = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final KubernetesClient client;
  private final AgentDirectory agents;
  private final String namespace;
  private final String name;
  private final Path sshKey;

  private BootedVm(
      KubernetesClient client, AgentDirectory agents, String namespace, String name, Path sshKey) {
    this.client = client;
    this.agents = agents;
    this.namespace = namespace;
    this.name = name;
    this.sshKey = sshKey;
  }

  /** Creates disk and VM (runPolicy Manual), starts it and waits for {@code login:} on serial. */
  public static BootedVm boot(
      KubernetesClient client, AgentDirectory agents, String namespace, String name) {
    return boot(client, agents, namespace, name, "256Mi");
  }

  /** As {@link #boot(KubernetesClient, AgentDirectory, String, String)}, with memory.size given. */
  public static BootedVm boot(
      KubernetesClient client,
      AgentDirectory agents,
      String namespace,
      String name,
      String memory) {
    try {
      Path dir =
          Files.createDirectories(
              Path.of("target/test-keys")
                  .toAbsolutePath()
                  .resolve(
                      namespace + "-" + name + "-" + UUID.randomUUID().toString().substring(0, 6)));
      Path key = dir.resolve("id");
      run(
          List.of(
              "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key.toString()));
      String publicKey = Files.readString(dir.resolve("id.pub")).trim();
      apply(
          client,
          ResourceKinds.VIRTUAL_DISK,
          namespace,
          """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualDisk
          metadata:
            name: %1$s-root
          spec:
            dataSource:
              type: ObjectRef
              objectRef:
                kind: ClusterVirtualImage
                name: demo
          """
              .formatted(name));
      apply(
          client,
          ResourceKinds.VIRTUAL_MACHINE,
          namespace,
          """
          apiVersion: virtualization.deckhouse.io/v1alpha2
          kind: VirtualMachine
          metadata:
            name: %1$s
          spec:
            virtualMachineClassName: generic
            runPolicy: Manual
            terminationGracePeriodSeconds: 20
            cpu:
              cores: 1
              coreFraction: 100%%
            memory:
              size: %4$s
            blockDeviceRefs:
              - kind: VirtualDisk
                name: %1$s-root
            provisioning:
              type: UserData
              userData: |
                #cloud-config
                hostname: %1$s
                users:
                  - name: cloud
                    passwd: "%2$s"
                    lock_passwd: false
                    shell: /bin/sh
                    ssh_authorized_keys:
                      - %3$s
          """
              .formatted(name, CLOUD_HASH, publicKey, memory));
      BootedVm vm = new BootedVm(client, agents, namespace, name, key);
      vm.start();
      return vm;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  /** The VM's uid, which is the agent's VM id. */
  public String vmId() {
    return resource().getMetadata().getUid();
  }

  public String nodeName() {
    return Serialization.jsonMapper()
        .valueToTree(resource())
        .path("status")
        .path("nodeName")
        .asText();
  }

  public Path sshKey() {
    return sshKey;
  }

  public String phase() {
    GenericKubernetesResource vm = resource();
    return vm == null
        ? ""
        : Serialization.jsonMapper().valueToTree(vm).path("status").path("phase").asText("");
  }

  /** Starts the VM through a Start operation and waits until the guest offers a login on serial. */
  public void start() {
    operation("Start", false);
    await("Running")
        .atMost(BOOT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> phase().equals("Running"));
    await("login: on serial")
        .atMost(BOOT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> serialLog().contains("login:"));
  }

  /** Stops the VM at once (a forced Stop operation) and waits until it is Stopped. */
  public void stop() {
    operation("Stop", true);
    await("Stopped")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> phase().equals("Stopped"));
  }

  /** Moves the running VM to another node (an Evict operation) and waits until it runs there. */
  public void evict() {
    String source = nodeName();
    operation("Evict", false);
    await("Running on another node")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> phase().equals("Running") && !nodeName().equals(source));
  }

  /** Deletes VM and disk and waits until the VM is gone (its QEMU with it). */
  public void delete() {
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(namespace)
        .withName(name)
        .delete();
    client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_DISK)
        .inNamespace(namespace)
        .withName(name + "-root")
        .delete();
    await("VM deleted")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> resource() == null);
  }

  /** The agent's status of the VM (state, console holders, SSH forward). */
  public JsonNode status() {
    try {
      return JSON.readTree(agentGet("/v1/vms/" + vmId()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serial output since the last power-on. */
  public String serialLog() {
    return agentGet("/v1/vms/" + vmId() + "/serial/log");
  }

  private GenericKubernetesResource resource() {
    return client
        .genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  private void operation(String type, boolean force) {
    apply(
        client,
        ResourceKinds.VIRTUAL_MACHINE_OPERATION,
        namespace,
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachineOperation
        metadata:
          name: %s-%s-%s
        spec:
          virtualMachineName: %s
          type: %s
          force: %s
        """
            .formatted(
                name,
                type.toLowerCase(),
                UUID.randomUUID().toString().substring(0, 5),
                name,
                type,
                force));
  }

  private String agentGet(String path) {
    String node = nodeName();
    AgentEndpoint agent =
        agents.endpoint(node).orElseThrow(() -> new IllegalStateException("no agent for " + node));
    HttpRequest request =
        HttpRequest.newBuilder(agent.baseUrl().resolve(path))
            .header("Authorization", "Bearer " + agent.token())
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException("GET " + path + " → " + r.statusCode() + " " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void apply(
      KubernetesClient client, ResourceDefinitionContext kind, String namespace, String yaml) {
    GenericKubernetesResource object =
        Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    client.genericKubernetesResources(kind).inNamespace(namespace).resource(object).create();
  }

  private static void run(List<String> cmd) throws IOException {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IOException(cmd + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
