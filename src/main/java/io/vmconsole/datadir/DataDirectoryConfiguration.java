package io.vmconsole.datadir;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(DataDirectory.class)
class DataDirectoryConfiguration {

  /**
   * The data directory is its owner's alone: everything written there is created so, and what an
   * older console left readable (0644 files in 0755 directories) is put right once, at start.
   */
  @Bean
  ApplicationRunner ownerOnlyDataDirectory(DataDirectory data) {
    return args -> {
      OwnerOnly.directories(data.path());
      OwnerOnly.restrictTree(data.path());
    };
  }
}
