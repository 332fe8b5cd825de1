package io.vmconsole.base;

import io.vmconsole.api.admission.Admission;
import io.vmconsole.cluster.NamespaceDirectory;
import io.vmconsole.datadir.OwnerOnly;
import io.vmconsole.security.Access;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(ConsoleProperties.class)
class BaseConfiguration {

  /**
   * The data directory is its owner's alone: everything written there is created so, and what an older
   * console left readable (0644 files in 0755 directories) is put right once, at start.
   */
  @Bean
  ApplicationRunner ownerOnlyDataDirectory(ConsoleProperties console) {
    return args -> {
      OwnerOnly.directories(console.dataDir());
      OwnerOnly.restrictTree(console.dataDir());
    };
  }

  @Bean
  NamespaceService namespaceService(NamespaceDirectory directory, Access access, Admission admission) {
    return new NamespaceService(directory, access, admission);
  }
}
