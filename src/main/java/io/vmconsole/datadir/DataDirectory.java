package io.vmconsole.datadir;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the console keeps its state (users, the embedded API's objects, tokens, the PKI, images),
 * from {@code vmconsole.data-dir}; "data" in the working directory when unset.
 */
@ConfigurationProperties("vmconsole")
public record DataDirectory(Path dataDir) {
  public DataDirectory {
    dataDir = (dataDir == null ? Path.of("data") : dataDir).toAbsolutePath().normalize();
  }

  public Path path() {
    return dataDir;
  }

  /** A file or directory in it. */
  public Path resolve(String name) {
    return dataDir.resolve(name);
  }
}
