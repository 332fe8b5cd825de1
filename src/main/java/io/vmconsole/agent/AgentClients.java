package io.vmconsole.agent;

import java.util.Optional;

/** The client for a node's agent, if that node has one. */
public interface AgentClients {

  Optional<AgentClient> forNode(String nodeName);

  /** Clients made from the directory's endpoints over HTTP. */
  static AgentClients http(AgentDirectory directory) {
    java.util.Map<AgentEndpoint, AgentClient> clients =
        new java.util.concurrent.ConcurrentHashMap<>();
    return node ->
        directory.endpoint(node).map(e -> clients.computeIfAbsent(e, HttpAgentClient::new));
  }
}
