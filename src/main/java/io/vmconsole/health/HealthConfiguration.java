package io.vmconsole.health;

import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.cluster.ClusterReadiness;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicators the readiness group adds to Spring's own states (application.properties):
 * the Kubernetes API and its caches, and the node agents. Liveness has neither, so that an API or
 * agent outage never restarts the console.
 */
@Configuration
class HealthConfiguration {

  @Bean
  ReadinessIndicator kubernetesApiHealthIndicator(ClusterReadiness cluster) {
    return new ReadinessIndicator("kubernetesApi", cluster::problem);
  }

  @Bean
  ReadinessIndicator nodeAgentsHealthIndicator(ObjectProvider<AgentDirectory> agents) {
    return new ReadinessIndicator("nodeAgents", () -> NodeAgentsReadiness.problem(agents));
  }
}
