package io.vmconsole.testsupport;

import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.agent.AgentEndpoint;
import io.vmconsole.topology.AgentSupervisor;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The agents of the test JVM: the embedded topology's node agents (what the controller schedules on),
 * plus {@link TestAgent}'s node {@code node-test} for the console tests that place a VM on it directly.
 * That agent starts only when a test asks for its node, and the controller never sees it: it is not in
 * {@link AgentDirectory#all()}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestAgentDirectory {

  @Bean
  @Primary
  AgentDirectory agentDirectory(ObjectProvider<AgentSupervisor> topology) {
    return new AgentDirectory() {
      @Override
      public Optional<AgentEndpoint> endpoint(String nodeName) {
        if ("node-test".equals(nodeName)) {
          return Optional.of(TestAgent.get().endpoint());
        }
        AgentSupervisor supervisor = topology.getIfAvailable();
        return supervisor == null ? Optional.empty() : supervisor.endpoint(nodeName);
      }

      @Override
      public List<AgentEndpoint> all() {
        AgentSupervisor supervisor = topology.getIfAvailable();
        return supervisor == null ? List.of() : supervisor.all();
      }
    };
  }
}
