package io.vmconsole.base;

import io.vmconsole.api.admission.Admission;
import io.vmconsole.cluster.NamespaceDirectory;
import io.vmconsole.security.Access;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(ConsoleProperties.class)
class BaseConfiguration {

  @Bean
  NamespaceService namespaceService(NamespaceDirectory directory, Access access, Admission admission) {
    return new NamespaceService(directory, access, admission);
  }
}
