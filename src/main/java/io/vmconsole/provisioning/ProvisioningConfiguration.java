package io.vmconsole.provisioning;

import io.vmconsole.audit.AuditLog;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.Kind;
import io.vmconsole.security.Access;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ProvisioningConfiguration {

  @Bean
  ProvisioningSecretService provisioningSecretService(
      ClusterResources cluster, Access access, AuditLog audit) {
    return new ProvisioningSecretService(cluster.access(Kind.SECRET), access, audit);
  }
}
