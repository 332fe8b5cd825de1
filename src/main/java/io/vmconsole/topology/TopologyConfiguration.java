package io.vmconsole.topology;

import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.datadir.DataDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded default topology: only with the embedded API server, and unless switched off. */
@Configuration
@EnableConfigurationProperties(TopologyProperties.class)
@ConditionalOnExpression(
    "'${vmconsole.cluster.mode:embedded}' == 'embedded' and '${vmconsole.topology.enabled:true}' == 'true'")
class TopologyConfiguration {

  @Bean(destroyMethod = "close")
  AgentSupervisor agentSupervisor(TopologyProperties props, DataDirectory data) {
    AgentSupervisor supervisor = new AgentSupervisor(props, data.path());
    supervisor.start();
    return supervisor;
  }

  @Bean
  EmbeddedTopology embeddedTopology(
      ClusterResources cluster,
      TopologyProperties props,
      DataDirectory data,
      AgentDirectory agents) {
    EmbeddedTopology topology =
        new EmbeddedTopology(cluster, props, AgentSupervisor.pool(data.path()));
    topology.ensure();
    return topology;
  }
}
