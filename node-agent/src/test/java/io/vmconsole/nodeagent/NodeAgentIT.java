package io.vmconsole.nodeagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.qemu.HostFacts;
import io.vmconsole.nodeagent.qemu.QemuInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent started in-process on 127.0.0.1 with a random port, called over real HTTP. */
class NodeAgentIT {
  private static final String TOKEN = "it-token-0123456789";
  private static final String AUTH = "Bearer " + TOKEN;

  @TempDir static Path dir;
  static NodeAgent agent;
  static AgentHttp http;
  static Path portFile;

  @BeforeAll
  static void start() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, TOKEN + "\n");
    portFile = dir.resolve("port");
    agent =
        NodeAgent.start(
            new AgentConfig(
                "it-node",
                "127.0.0.1",
                0,
                portFile,
                token,
                dir.resolve("state"),
                null,
                null,
                null));
    http = new AgentHttp(agent.port());
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void writesTheChosenPort() throws Exception {
    assertTrue(agent.port() > 0);
    assertEquals(String.valueOf(agent.port()), Files.readString(portFile).strip());
  }

  @Test
  void missingTokenIs401Json() throws Exception {
    AgentHttp.Response r = http.call("GET", "/v1/capabilities", null);
    assertEquals(401, r.status());
    assertTrue(r.contentType().startsWith("application/json"));
    assertTrue(r.body().path("error").isTextual());
  }

  @Test
  void wrongTokenIs401() throws Exception {
    assertEquals(401, http.call("GET", "/v1/capabilities", "Bearer wrong").status());
    assertEquals(401, http.call("GET", "/v1/capabilities", "Basic " + TOKEN).status());
    assertEquals(401, http.call("GET", "/v1/capabilities", AUTH + "x").status());
  }

  @Test
  void unknownPathWithoutTokenIs401NotA404() throws Exception {
    assertEquals(401, http.call("GET", "/v1/nothing-here", null).status());
  }

  @Test
  void unknownPathIs404Json() throws Exception {
    AgentHttp.Response r = http.call("GET", "/v1/nothing-here", AUTH);
    assertEquals(404, r.status());
    assertTrue(r.body().path("error").asText().contains("/v1/nothing-here"));
  }

  @Test
  void wrongMethodIs405() throws Exception {
    AgentHttp.Response r = http.call("POST", "/v1/capabilities", AUTH);
    assertEquals(405, r.status());
    assertTrue(r.body().has("error"));
  }

  @Test
  void healthz() throws Exception {
    AgentHttp.Response r = http.call("GET", "/v1/healthz", AUTH);
    assertEquals(200, r.status());
    assertEquals("ok", r.body().path("status").asText());
  }

  @Test
  void capabilitiesDescribeThisNode() throws Exception {
    AgentHttp.Response r = http.call("GET", "/v1/capabilities", AUTH);
    assertEquals(200, r.status());
    JsonNode c = r.body();
    assertEquals("v1", c.path("apiVersion").asText());
    assertEquals("it-node", c.path("nodeName").asText());
    assertFalse(c.path("agentVersion").asText().isBlank());
    assertFalse(c.path("agentVersion").asText().contains("${"), "version resource is filtered");
    assertTrue(c.path("cgroupCpuQuota").isBoolean());

    JsonNode accel = c.path("accelerator");
    String chosen = accel.path("chosen").asText();
    assertTrue(List.of("kvm", "tcg").contains(chosen), chosen);
    assertEquals(chosen.equals("kvm"), accel.path("kvm").asBoolean());
    assertFalse(accel.path("reason").asText().isBlank());
    if (HostFacts.read().kvmImpossibleReason().isPresent()) {
      assertEquals("tcg", chosen, "this host cannot run KVM: " + accel);
    }

    QemuInfo qemu = QemuInfo.detect("qemu-system-x86_64");
    assertEquals(
        qemu.version(),
        c.path("qemu").path("version").isNull() ? null : c.path("qemu").path("version").asText());

    List<String> calls = new ArrayList<>();
    c.path("calls")
        .forEach(k -> calls.add(k.path("method").asText() + " " + k.path("path").asText()));
    assertTrue(
        calls.containsAll(List.of("GET /v1/capabilities", "GET /v1/healthz")), calls.toString());
    c.path("calls").forEach(k -> assertNotNull(k.get("since")));
  }

  @Test
  void acceleratorChoiceIsCachedInStateDir() {
    assertTrue(
        QemuInfo.detect("qemu-system-x86_64").available()
            == Files.exists(dir.resolve("state/accelerator.json")));
  }

  @Test
  void nonLoopbackWithoutTlsIsRefusedInProcessToo() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new AgentConfig(
                    "n",
                    "0.0.0.0",
                    0,
                    null,
                    dir.resolve("token"),
                    dir.resolve("s2"),
                    null,
                    null,
                    null));
    assertTrue(e.getMessage().contains("--tls-cert"));
  }
}
