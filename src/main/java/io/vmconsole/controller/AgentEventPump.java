package io.vmconsole.controller;

import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentClients;
import io.vmconsole.agent.AgentException;
import io.vmconsole.base.LogSafe;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one node agent's event stream (long poll, resumable by seq) and turns each event into a
 * reconcile of the VM it names. The stream is only a hint: the reconcile asks the agent for the
 * state.
 */
final class AgentEventPump implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(AgentEventPump.class);
  private final String node;
  private final AgentClients agents;
  private final Consumer<String> vmChanged;
  private final Runnable resync;
  private volatile boolean running = true;

  /**
   * @param vmChanged called with a VM uid
   * @param resync called when events may have been missed (every VM of the node is looked at)
   */
  AgentEventPump(String node, AgentClients agents, Consumer<String> vmChanged, Runnable resync) {
    this.node = node;
    this.agents = agents;
    this.vmChanged = vmChanged;
    this.resync = resync;
  }

  @Override
  public void run() {
    long after = -1;
    while (running) {
      try {
        Optional<AgentClient> agent = agents.forNode(node);
        if (agent.isEmpty()) {
          pause();
          continue;
        }
        AgentClient.EventBatch batch = agent.get().events(Math.max(after, 0), 20);
        if (batch.resync() || after < 0) {
          resync.run();
        }
        batch.vmIds().forEach(vmChanged);
        after = batch.lastSeq();
      } catch (AgentException e) {
        log.debug("events of {}: {}", node, LogSafe.failure(e));
        after = -1;
        pause();
      } catch (RuntimeException e) {
        log.warn("events of {}: {}", node, LogSafe.failure(e));
        after = -1;
        pause();
      }
    }
  }

  void stop() {
    running = false;
  }

  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
