package io.vmconsole.agent;

import java.util.List;
import java.util.Optional;

/** The node agents the console knows, by node name. */
public interface AgentDirectory {

  Optional<AgentEndpoint> endpoint(String nodeName);

  List<AgentEndpoint> all();
}
