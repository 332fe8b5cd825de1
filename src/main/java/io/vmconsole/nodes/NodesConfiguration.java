package io.vmconsole.nodes;

import io.vmconsole.agent.AgentClients;
import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.security.Access;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class NodesConfiguration {

  @Bean
  NodeService nodeService(
      ClusterResources cluster,
      ObjectProvider<AgentDirectory> directory,
      Access access,
      AuditLog audit) {
    AgentDirectory agents = directory.getIfAvailable();
    return new NodeService(
        cluster, agents == null ? n -> Optional.empty() : AgentClients.http(agents), access, audit);
  }
}
