package io.vmconsole.shell;

import io.vmconsole.api.admission.Admission;
import io.vmconsole.cluster.NamespaceDirectory;
import io.vmconsole.security.Access;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's frame: the layout and its namespace selector, shared by every feature's screens.
 */
@Configuration
class ShellConfiguration {

  @Bean
  NamespaceService namespaceService(
      NamespaceDirectory directory, Access access, Admission admission) {
    return new NamespaceService(directory, access, admission);
  }
}
