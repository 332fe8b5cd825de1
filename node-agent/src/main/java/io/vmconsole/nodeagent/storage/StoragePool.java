package io.vmconsole.nodeagent.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One pool directory: {@code disks/}, {@code images/} and {@code .tmp/} (partial imports, on the
 * same filesystem so that publishing a finished file is an atomic rename).
 *
 * @param name {@code shared} or {@code local}
 * @param path absolute, symlinks resolved
 */
public record StoragePool(String name, @JsonIgnore Path path) {
  public static final String SHARED = "shared";
  public static final String LOCAL = "local";

  static StoragePool open(String name, Path dir) {
    try {
      for (String sub : new String[] {"disks", "images", ".tmp"}) {
        Files.createDirectories(dir.resolve(sub));
      }
      return new StoragePool(name, dir.toRealPath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create pool " + name + " at " + dir, e);
    }
  }

  public Path dir(StorageKind kind) {
    return path.resolve(kind.dir());
  }

  @JsonIgnore
  public Path tmp() {
    return path.resolve(".tmp");
  }

  /** As a plain path in JSON (Jackson would write a {@code file://} URI for a Path). */
  @JsonProperty("path")
  public String location() {
    return path.toString();
  }

  /** Computed when serialised, so the capabilities (built once at start) stay current. */
  @JsonProperty
  public long freeBytes() {
    try {
      return Files.getFileStore(path).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }
}
