package io.vmconsole.nodeagent.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.ConsoleWs;
import io.vmconsole.nodeagent.testing.GuestImage;
import io.vmconsole.nodeagent.testing.Seeds;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Refusals: no token → 401; bad specs → 400 naming the field, with nothing written or started. */
class ApiValidationIT {
  @TempDir static Path dir;
  static Path pool;
  static Path outside;
  static Path disk;
  static TestAgent agent;
  static AgentApi api;

  @BeforeAll
  static void start() throws Exception {
    GuestImage.dir();
    pool = Files.createDirectories(dir.resolve("pool"));
    outside = Files.createDirectories(dir.resolve("elsewhere"));
    disk = GuestImage.blank(pool, "ok", "16M");
    GuestImage.blank(outside, "secret", "16M");
    agent = TestAgent.inProcess(dir.resolve("agent"), pool);
    api = agent.api;
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void missingOrWrongTokenIs401() throws Exception {
    assertEquals(401, api.call("GET", "/v1/vms", null, null).status());
    assertEquals(401, api.call("GET", "/v1/vms", null, "Bearer wrong").status());
    assertEquals(401, api.call("PUT", "/v1/vms/x", "{}", "Bearer wrong").status());
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () ->
                HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(
                        URI.create("ws://127.0.0.1:" + api.port + "/v1/vms/x/serial"),
                        new ConsoleWs())
                    .join());
    assertEquals(401, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
  }

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        bad("spec.cores", s -> s.put("cores", 0)),
        bad("spec.cores", s -> s.put("cores", -2)),
        bad("spec.memory", s -> s.put("memory", "1Gi")),
        bad("spec.memory", s -> s.put("memory", "lots")),
        bad("spec.memory", s -> s.put("memory", 1024)),
        bad("spec.memoryBytes", s -> s.remove("memoryBytes")),
        bad("spec.memoryBytes", s -> s.put("memoryBytes", 1L << 41)),
        bad("spec.coreFraction", s -> s.put("coreFraction", "0%")),
        bad("spec.disks[0].path", s -> disk0(s).put("path", "/nonexistent/disk.qcow2")),
        bad(
            "spec.disks[0].path",
            s -> disk0(s).put("path", outside.resolve("secret.qcow2").toString())),
        bad("spec.disks[0].path", s -> disk0(s).put("path", pool + "/../elsewhere/secret.qcow2")),
        bad("spec.disks[0].format", s -> disk0(s).put("format", "vmdk")),
        bad("spec.nic.address", s -> ((ObjectNode) s.get("nic")).put("address", "10.20.0.300")),
        bad("spec.provisioning.type", s -> ((ObjectNode) s.get("provisioning")).put("type", "x")));
  }

  private static ObjectNode disk0(ObjectNode s) {
    return (ObjectNode) s.get("disks").get(0);
  }

  private static Arguments bad(String field, Consumer<ObjectNode> breakIt) {
    return Arguments.of(field, breakIt);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSpecs")
  void badSpecIs400NamingTheFieldAndNothingIsWritten(String field, Consumer<ObjectNode> breakIt)
      throws Exception {
    ObjectNode spec = Seeds.spec("bad", 1, disk, null);
    breakIt.accept(spec);
    AgentApi.Response r = api.call("PUT", "/v1/vms/bad-1", spec);
    assertEquals(400, r.status(), r.raw());
    assertEquals(field, r.body().path("field").asText(), r.raw());
    assertNothingWritten();
  }

  @Test
  void malformedJsonIs400() throws Exception {
    AgentApi.Response r = api.call("PUT", "/v1/vms/bad-2", "{\"cores\": 2,");
    assertEquals(400, r.status());
    assertEquals("spec", r.body().path("field").asText());
    assertNothingWritten();
  }

  @Test
  void unknownVmIs404AndBadIdIs400() throws Exception {
    assertEquals(404, api.call("POST", "/v1/vms/nope/start", null).status());
    assertEquals(400, api.call("PUT", "/v1/vms/..", "{}").status());
  }

  private static void assertNothingWritten() throws Exception {
    Path vms = dir.resolve("agent/state/vms");
    try (Stream<Path> s = Files.list(vms)) {
      assertEquals(0, s.count(), "no VM dir written");
    }
    assertTrue(api.ok("GET", "/v1/vms", null).path("items").isEmpty(), "no VM defined");
  }
}
