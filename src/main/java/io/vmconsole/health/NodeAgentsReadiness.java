package io.vmconsole.health;

import io.vmconsole.agent.AgentDirectory;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;

/** The console is ready to run VMs once it knows at least one node agent. */
final class NodeAgentsReadiness {
  private NodeAgentsReadiness() {}

  static Optional<String> problem(ObjectProvider<AgentDirectory> agents) {
    AgentDirectory directory = agents.getIfAvailable();
    return directory == null || directory.all().isEmpty()
        ? Optional.of("no node agents known: VMs stay Pending")
        : Optional.empty();
  }
}
