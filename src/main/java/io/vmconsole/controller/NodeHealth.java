package io.vmconsole.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.agent.AgentClient;
import io.vmconsole.cluster.Kind;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In the embedded default the controller owns the Nodes' readiness (on a real cluster kubelet does):
 * a node is Ready while its agent answers. A change wakes the node's VMs up.
 */
final class NodeHealth {
  private static final Logger log = LoggerFactory.getLogger(NodeHealth.class);
  private final ControllerContext ctx;
  private final Consumer<String> nodeChanged;

  NodeHealth(ControllerContext ctx, Consumer<String> nodeChanged) {
    this.ctx = ctx;
    this.nodeChanged = nodeChanged;
  }

  void check() {
    for (ObjectNode node : ctx.cache(Kind.NODE).listJson()) {
      String name = node.path("metadata").path("name").asText();
      Optional<AgentClient> agent = ctx.agents().forNode(name);
      boolean healthy = agent.isPresent() && agent.get().healthy();
      boolean wasReady = false;
      for (JsonNode c : node.path("status").path("conditions")) {
        wasReady |= c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True");
      }
      if (healthy == wasReady && node.path("status").has("conditions")) {
        continue;
      }
      Conditions conditions = new Conditions(node.path("status").path("conditions"), 0, Instant.now());
      conditions.set("Ready", healthy, healthy ? "NodeAgentReady" : "NodeAgentUnreachable",
          healthy ? "the node agent answers" : "the node agent does not answer");
      ObjectNode copy = node.deepCopy();
      copy.with("status").set("conditions", conditions.toArray());
      copy.path("status").path("conditions").forEach(c -> {
        ((ObjectNode) c).remove("observedGeneration");
        ((ObjectNode) c).put("lastHeartbeatTime", Instant.now().toString());
      });
      ctx.access(Kind.NODE).updateStatus(copy);
      log.info("node {} is {}", name, healthy ? "Ready" : "NotReady");
      nodeChanged.accept(name);
    }
  }
}
