package io.vmconsole.testsupport;

import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.agent.AgentEndpoint;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The agents of the test JVM, until the controller's topology provides the real directory: only
 * {@link TestAgent}'s node, and that agent starts only when a test asks for a node.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestAgentDirectory {

  @Bean
  AgentDirectory agentDirectory() {
    return new AgentDirectory() {
      @Override
      public Optional<AgentEndpoint> endpoint(String nodeName) {
        return "node-test".equals(nodeName) ? Optional.of(TestAgent.get().endpoint()) : Optional.empty();
      }

      @Override
      public List<AgentEndpoint> all() {
        return List.of(TestAgent.get().endpoint());
      }
    };
  }
}
