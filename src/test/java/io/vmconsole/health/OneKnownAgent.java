package io.vmconsole.health;

import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.agent.AgentEndpoint;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * For a console in kubeconfig mode under test (added with {@code spring.main.sources}): one node
 * agent known, so that readiness depends on the API alone. Nothing calls it. Not a
 * {@code @Configuration}: component scanning would add it to every test's console.
 */
public class OneKnownAgent {

  @Bean
  AgentDirectory knownAgentDirectory(@Value("${vmconsole.test.agent-node}") String node) {
    AgentEndpoint endpoint = new AgentEndpoint(node, URI.create("http://127.0.0.1:9"), "unused");
    return new AgentDirectory() {
      @Override
      public Optional<AgentEndpoint> endpoint(String nodeName) {
        return node.equals(nodeName) ? Optional.of(endpoint) : Optional.empty();
      }

      @Override
      public List<AgentEndpoint> all() {
        return List.of(endpoint);
      }
    };
  }
}
