package io.vmconsole.controller.nodes;

import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.api.core.NodeObject;
import io.vmconsole.base.LogSafe;
import io.vmconsole.controller.runtime.ControllerContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backstop for VMs an agent still knows and the API no longer has (deleted while the agent did
 * not answer, or defined by a start that failed): a periodic look at every agent deletes a stopped
 * one there once it has been stopped for {@link #GRACE}, after a fresh read confirms the API has no
 * VM of its uid. A running QEMU without its VM is only logged: killing a guest is not a backstop's
 * call.
 */
public final class AgentSweep {
  private static final Logger log = LoggerFactory.getLogger(AgentSweep.class);

  /** How long an orphan must have been stopped: a start defines before it starts. */
  static final Duration GRACE = Duration.ofSeconds(60);

  private final ControllerContext ctx;
  private final Clock clock;

  public AgentSweep(ControllerContext ctx, Clock clock) {
    this.ctx = ctx;
    this.clock = clock;
  }

  public void sweep() {
    for (NodeObject node : ctx.cached().nodes()) {
      ctx.agents().forNode(node.name()).ifPresent(agent -> sweep(node.name(), agent));
    }
  }

  private void sweep(String node, AgentClient agent) {
    List<AgentVm> known;
    try {
      known = agent.vms();
    } catch (AgentException e) {
      return;
    }
    for (AgentVm vm : known) {
      if (vm.name().isEmpty() || vm.namespace().isEmpty()) {
        // Defined without a name: not one of the controller's, nothing to confirm it by.
        continue;
      }
      if (ctx.cached()
              .vm(vm.namespace(), vm.name())
              .filter(v -> v.uid().equals(vm.vmId()))
              .isPresent()
          || ctx.freshVm(vm.namespace(), vm.name())
              .filter(v -> v.uid().equals(vm.vmId()))
              .isPresent()) {
        continue;
      }
      if (vm.active()) {
        log.warn(
            "node {}: QEMU of VM {} ({}/{}) runs without its VirtualMachine; left alone",
            node,
            vm.vmId(),
            vm.namespace(),
            vm.name());
      } else if (stoppedLongEnough(vm)) {
        try {
          agent.delete(vm.vmId());
          log.info(
              "node {}: removed VM {} ({}/{}), which the API no longer has",
              node,
              vm.vmId(),
              vm.namespace(),
              vm.name());
        } catch (AgentException e) {
          log.debug("node {}: {}", node, LogSafe.failure(e));
        }
      }
    }
  }

  private boolean stoppedLongEnough(AgentVm vm) {
    try {
      return vm.since() == null
          || Duration.between(Instant.parse(vm.since()), clock.instant()).compareTo(GRACE) >= 0;
    } catch (DateTimeParseException e) {
      return true;
    }
  }
}
