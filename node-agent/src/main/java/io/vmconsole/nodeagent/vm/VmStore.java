package io.vmconsole.nodeagent.vm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON files of a VM dir: {@code spec.json} (the defined spec), {@code runtime.json} (the live
 * QEMU: what a restarted agent re-adopts) and {@code exit.json} (how the last run ended).
 */
final class VmStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The live QEMU process of a VM. */
  record Runtime(
      long pid,
      Integer sshPort,
      String accelerator,
      boolean coreFractionEnforced,
      VmSpec spec,
      String since,
      String migration,
      Map<String, String> deviceNames) {}

  /** How the last run ended. */
  record Exit(String state, String reason, String since) {}

  private VmStore() {}

  static void write(Path file, Object value) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), value);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static <T> Optional<T> read(Path file, Class<T> type) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), type));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
