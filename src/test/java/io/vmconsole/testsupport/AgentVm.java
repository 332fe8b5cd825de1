package io.vmconsole.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmconsole.agent.AgentEndpoint;
import io.vmconsole.cluster.ResourceKinds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A VirtualMachine object placed on the test agent's node and run by that agent under the object's
 * uid, as the controller will do it: demo guest, user {@code cloud}/{@code cloud} with an SSH key,
 * the SSH forward on. Until the controller lands the test plays its part (status.nodeName, start,
 * stop).
 */
public final class AgentVm {
  // SHA-512 crypt of "cloud" (the demo guest's smoke test uses the same).
  private static final String CLOUD_HASH =
      "$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final java.util.Set<Long> QEMU_PIDS = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final java.util.function.Function<String, JsonNode> JSON_READ = s -> {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  };
  private final AgentEndpoint agent;
  private final String vmId;
  private final Path sshKey;
  private final java.util.Set<Long> pids = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private AgentVm(AgentEndpoint agent, String vmId, Path sshKey) {
    this.agent = agent;
    this.vmId = vmId;
    this.sshKey = sshKey;
  }

  /** Creates the object and the agent's VM, starts it and waits for {@code login:} on serial. */
  public static AgentVm boot(KubernetesClient client, String namespace, String name) {
    try {
      TestAgent node = TestAgent.get();
      String uid = TestVms.create(client, namespace, name).getMetadata().getUid();
      client.genericKubernetesResources(ResourceKinds.VIRTUAL_MACHINE).inNamespace(namespace).withName(name)
          .editStatus(vm -> {
            vm.setAdditionalProperty("status", Map.of("phase", "Running", "nodeName", "node-test"));
            return vm;
          });
      Path dir = Files.createDirectories(node.pool().resolve(uid));
      Path disk = dir.resolve("root.qcow2");
      TestAgent.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-b", GuestImage.disk().toString(),
          "-F", "qcow2", disk.toString()), Path.of("."));
      Path key = dir.resolve("id");
      TestAgent.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key.toString()),
          Path.of("."));
      AgentVm vm = new AgentVm(node.endpoint(), uid, key);
      vm.call("PUT", "/v1/vms/" + uid, vm.spec(namespace, name, disk, Files.readString(dir.resolve("id.pub")).trim()));
      vm.start();
      return vm;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String spec(String namespace, String name, Path disk, String publicKey) {
    String userData = "#cloud-config\nhostname: " + name + "\nusers:\n  - name: cloud\n    passwd: \"" + CLOUD_HASH
        + "\"\n    lock_passwd: false\n    shell: /bin/sh\n    ssh_authorized_keys:\n      - " + publicKey + "\n";
    ObjectNode spec = JSON.createObjectNode().put("name", name).put("namespace", namespace)
        .put("cores", 1).put("memory", "256Mi");
    spec.putArray("disks").addObject().put("id", vmId + "-root").put("path", disk.toString()).put("format", "qcow2");
    spec.putObject("provisioning").put("type", "cloudInit").put("userData", userData);
    spec.putObject("ssh").put("forward", true);
    return spec.toString();
  }

  public String vmId() {
    return vmId;
  }

  public Path sshKey() {
    return sshKey;
  }

  /** Starts QEMU and waits until the guest offers a login on serial. */
  public void start() {
    JsonNode started = JSON_READ.apply(call("POST", "/v1/vms/" + vmId + "/start", "{}"));
    if (started.path("pid").isNumber()) {
      QEMU_PIDS.add(started.path("pid").asLong());
      pids.add(started.path("pid").asLong());
    }
    Awaitility.await("login: on serial").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> serialLog().contains("login:"));
  }

  /** Stops at once (no guest shutdown) and waits until the agent says Stopped. */
  public void stop() {
    call("POST", "/v1/vms/" + vmId + "/stop", "{\"graceful\": false}");
    Awaitility.await("stopped").atMost(Duration.ofSeconds(30))
        .until(() -> status().path("state").asText().equals("Stopped"));
  }

  /** Deletes the agent's VM; its QEMU is killed by pid should the agent not manage. */
  public void delete() {
    try {
      call("DELETE", "/v1/vms/" + vmId, null);
    } finally {
      kill(pids);
    }
  }

  /** Kills every QEMU this JVM started that still runs (QEMU outlives its agent by design). */
  static void killLeftovers() {
    kill(QEMU_PIDS);
  }

  private static void kill(java.util.Set<Long> pids) {
    for (Long pid : pids) {
      ProcessHandle.of(pid).filter(p -> p.info().command().orElse("").contains("qemu"))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  public JsonNode status() {
    try {
      return JSON.readTree(call("GET", "/v1/vms/" + vmId, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String serialLog() {
    return call("GET", "/v1/vms/" + vmId + "/serial/log", null);
  }

  private String call(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(agent.baseUrl().resolve(path))
        .header("Authorization", "Bearer " + agent.token())
        .timeout(Duration.ofSeconds(60));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
