package io.vmconsole.controller.nodes;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.vmconsole.agent.AgentClient;
import io.vmconsole.api.core.NodeObject;
import io.vmconsole.controller.runtime.ConditionsBuilder;
import io.vmconsole.controller.runtime.ControllerContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In the embedded default the controller owns the Nodes' readiness (on a real cluster kubelet
 * does): a node is Ready while its agent answers. A change wakes the node's VMs up.
 */
public final class NodeHealth {
  private static final Logger log = LoggerFactory.getLogger(NodeHealth.class);
  private final ControllerContext ctx;
  private final Consumer<String> nodeChanged;

  public NodeHealth(ControllerContext ctx, Consumer<String> nodeChanged) {
    this.ctx = ctx;
    this.nodeChanged = nodeChanged;
  }

  public void check() {
    for (NodeObject node : ctx.cached().nodes()) {
      String name = node.name();
      Optional<AgentClient> agent = ctx.agents().forNode(name);
      boolean healthy = agent.isPresent() && agent.get().healthy();
      if (healthy == node.isReady() && node.hasConditions()) {
        continue;
      }
      String heartbeat = Instant.now().toString();
      List<NodeCondition> conditions =
          ConditionsBuilder.of(node, 0, Instant.now())
              .set(
                  "Ready",
                  healthy,
                  healthy ? "NodeAgentReady" : "NodeAgentUnreachable",
                  healthy ? "the node agent answers" : "the node agent does not answer")
              .toList()
              .stream()
              // A Node's conditions carry a heartbeat instead of a generation.
              .map(
                  c ->
                      new NodeConditionBuilder()
                          .withType(c.getType())
                          .withStatus(c.getStatus())
                          .withReason(c.getReason())
                          .withMessage(c.getMessage())
                          .withLastTransitionTime(c.getLastTransitionTime())
                          .withLastHeartbeatTime(heartbeat)
                          .build())
              .toList();
      ctx.writeNodeConditions(node, conditions);
      log.info("node {} is {}", name, healthy ? "Ready" : "NotReady");
      nodeChanged.accept(name);
    }
  }
}
