package io.vmconsole.console;

import java.util.Optional;

/** The two consoles a VM has; {@code path} is the agent's path segment and ours. */
public enum ConsoleKind {
  SERIAL("serial"),
  VNC("vnc");

  private final String path;

  ConsoleKind(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  public static Optional<ConsoleKind> ofPath(String path) {
    for (ConsoleKind k : values()) {
      if (k.path.equals(path)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
