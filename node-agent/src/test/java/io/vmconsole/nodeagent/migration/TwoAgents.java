package io.vmconsole.nodeagent.migration;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.nodeagent.testing.AgentApi;
import io.vmconsole.nodeagent.testing.TestAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two agents on loopback, as two nodes: own state dirs, one shared pool. Migrations are driven as
 * the console drives them: incoming on the target, then migrate on the source with the ticket.
 */
final class TwoAgents implements AutoCloseable {
  static final String NODE_1 = "node-1";
  static final String NODE_2 = "node-2";
  final Path dir;
  final Path pool;
  TestAgent one;
  TestAgent two;

  TwoAgents(Path dir, Path pool) throws Exception {
    this.dir = dir;
    this.pool = pool;
    one = TestAgent.separateProcess(dir.resolve("agent-1"), pool, NODE_1);
    two = TestAgent.separateProcess(dir.resolve("agent-2"), pool, NODE_2);
  }

  /** Agent 1 again on its state dir (after it was killed). */
  void restartOne() throws Exception {
    one.close();
    one = TestAgent.separateProcess(dir.resolve("agent-1"), pool, NODE_1);
  }

  /** Agent 2 again on its state dir (after it was killed). */
  void restartTwo() throws Exception {
    two.close();
    two = TestAgent.separateProcess(dir.resolve("agent-2"), pool, NODE_2);
  }

  AgentApi api(String node) {
    return node.equals(NODE_1) ? one.api : two.api;
  }

  static String other(String node) {
    return node.equals(NODE_1) ? NODE_2 : NODE_1;
  }

  /** Prepares the target from the source's running spec; returns the incoming answer. */
  JsonNode incoming(String from, String vmId, String migrationId) throws Exception {
    JsonNode spec = api(from).vm(vmId).path("spec");
    return api(other(from))
        .ok(
            "POST",
            "/v1/migrations/incoming",
            Map.of("migrationId", migrationId, "vmId", vmId, "sourceNode", from, "spec", spec));
  }

  /** Starts a migration away from {@code from}; returns the source's migration status. */
  JsonNode migrate(String from, String vmId, String migrationId, long maxBandwidth)
      throws Exception {
    String ticket = incoming(from, vmId, migrationId).path("ticket").asText();
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("node", other(from));
    target.put("url", "http://127.0.0.1:" + api(other(from)).port);
    target.put("ticket", ticket);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("migrationId", migrationId);
    body.put("target", target);
    body.put("maxBandwidthBytesPerSecond", maxBandwidth);
    body.put("autoConverge", false);
    body.put("downtimeLimitMs", 300);
    return api(from).ok("POST", "/v1/vms/" + vmId + "/migrate", body);
  }

  /** Waits until the migration has finished on that agent; returns its status. */
  static JsonNode awaitFinished(AgentApi api, String migrationId) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              last[0] = api.ok("GET", "/v1/migrations/" + migrationId, null);
              String s = last[0].path("state").asText();
              return s.equals("Succeeded") || s.equals("Failed") || s.equals("Cancelled");
            });
    return last[0];
  }

  @Override
  public void close() {
    if (one != null) {
      one.close();
    }
    if (two != null) {
      two.close();
    }
  }
}
