package io.vmconsole.controller.migration;

import io.vmconsole.agent.AgentClient;
import io.vmconsole.agent.AgentClients;
import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.AgentMigration;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.agent.IncomingMigration;
import io.vmconsole.agent.MigrationChange;
import io.vmconsole.agent.MigrationSend;
import io.vmconsole.base.LogSafe;
import io.vmconsole.controller.vm.ActiveMigration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a live migration asks of the two agents (node-agent/API.md "Migration — contract"): the
 * target prepares an incoming QEMU, the source sends; each is asked how the migration goes, told of
 * changes, and told to cancel or forget it. Failures to cancel or forget are logged, never thrown:
 * the next look asks again.
 */
final class MigrationAgents {
  private static final Logger log = LoggerFactory.getLogger(MigrationAgents.class);
  private final AgentClients agents;

  MigrationAgents(AgentClients agents) {
    this.agents = agents;
  }

  /** The agent of the node; empty for none or no node. */
  Optional<AgentClient> of(String node) {
    return node == null || node.isEmpty() ? Optional.empty() : agents.forNode(node);
  }

  /**
   * What the source says of the migration; an agent that does not answer is an {@link
   * AgentException}.
   */
  Optional<AgentMigration> onSource(ActiveMigration migration) {
    return of(migration.source())
        .orElseThrow(() -> new AgentException(0, "no agent for node " + migration.source()))
        .migration(migration.id());
  }

  /** What the target says of the migration; empty when it does not know it or does not answer. */
  Optional<AgentMigration> onTarget(ActiveMigration migration) {
    try {
      return of(migration.target()).flatMap(a -> a.migration(migration.id()));
    } catch (AgentException e) {
      return Optional.empty();
    }
  }

  /**
   * Has the target prepare an incoming QEMU for the spec the source runs (hot-plugged disks
   * included: the target's must match it), then the source send the VM to it.
   */
  void start(
      ActiveMigration migration,
      AgentVm running,
      AgentClient source,
      AgentClient target,
      long bandwidth,
      boolean autoConverge) {
    AgentMigration prepared =
        target.prepareIncoming(IncomingMigration.of(migration.id(), migration.source(), running));
    source.migrate(
        running.vmId(),
        new MigrationSend(
            migration.id(),
            new MigrationSend.Target(migration.target(), target.baseUrl(), prepared.ticket()),
            bandwidth,
            autoConverge,
            DowntimeSteps.FIRST_MS));
  }

  /**
   * Live changes on the source: the bandwidth limit and auto-converge when they differ from what it
   * runs, and the next downtime step.
   */
  void adjust(AgentClient source, AgentMigration m, long bandwidth, boolean autoConverge) {
    MigrationChange change = MigrationChange.NONE;
    if (bandwidth != m.maxBandwidthBytesPerSecond() || autoConverge != m.autoConverge()) {
      change = change.withLimits(bandwidth, autoConverge);
    }
    long downtime =
        m.state().equals("Running")
            ? DowntimeSteps.raiseTo(m.downtimeLimitMs(), m.iterations())
            : -1;
    if (downtime > 0) {
      change = change.withDowntimeLimit(downtime);
    }
    if (!change.isEmpty()) {
      try {
        source.updateMigration(m.migrationId(), change);
      } catch (AgentException e) {
        log.debug("update {}: {}", m.migrationId(), LogSafe.failure(e));
      }
    }
  }

  /** Cancels an active migration on that node's agent. */
  void cancel(String node, String id) {
    of(node).ifPresent(a -> cancel(a, id));
  }

  /** Cancels the migration on the source if it still runs there. */
  void cancelIfRunning(ActiveMigration migration) {
    of(migration.source())
        .ifPresent(
            source -> {
              try {
                if (source.migration(migration.id()).filter(m -> !m.finished()).isPresent()) {
                  source.cancelMigration(migration.id());
                }
              } catch (AgentException e) {
                log.debug("cancel {}: {}", migration.id(), LogSafe.failure(e));
              }
            });
  }

  /** Both agents forget a finished migration (DELETE on a finished one). */
  void forget(ActiveMigration migration) {
    cancel(migration.source(), migration.id());
    cancel(migration.target(), migration.id());
  }

  /** The source keeps its stopped VM until told: it is on the target now. */
  void deleteFromSource(ActiveMigration migration, String vmId) {
    of(migration.source())
        .ifPresent(
            a -> {
              try {
                a.delete(vmId);
              } catch (RuntimeException e) {
                log.warn(
                    "deleting the migrated VM on {}: {}", migration.source(), LogSafe.failure(e));
              }
            });
  }

  private static void cancel(AgentClient agent, String id) {
    try {
      agent.cancelMigration(id);
    } catch (AgentException e) {
      log.debug("cancel {}: {}", id, LogSafe.failure(e));
    }
  }
}
