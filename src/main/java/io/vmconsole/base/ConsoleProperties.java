package io.vmconsole.base;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings shared by every feature.
 *
 * @param dataDir where the console keeps its state: users, the embedded API's objects, tokens, images
 */
@ConfigurationProperties("vmconsole")
public record ConsoleProperties(Path dataDir) {
  public ConsoleProperties {
    dataDir = (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize();
  }
}
