package io.vmconsole.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What the agent says about a VM's consoles right now (the agent keeps the holders, so they survive
 * a restart of the console).
 *
 * @param running whether QEMU runs (else every console is "VM not running")
 * @param state the agent's state, e.g. {@code Stopped}
 * @param serialHolder who holds the serial console interactively
 * @param vncHolder who holds the VNC console
 * @param sshPort the loopback port forwarded to the guest's SSH, when there is one
 */
public record ConsoleStatus(
    boolean running,
    String state,
    Optional<Holder> serialHolder,
    Optional<Holder> vncHolder,
    Optional<Integer> sshPort) {

  /** An interactive holder: user and since when (ISO-8601). */
  public record Holder(String user, String since) {}

  public static final ConsoleStatus UNKNOWN =
      new ConsoleStatus(false, "Unknown", Optional.empty(), Optional.empty(), Optional.empty());

  public Optional<Holder> holder(ConsoleKind kind) {
    return kind == ConsoleKind.SERIAL ? serialHolder : vncHolder;
  }

  static ConsoleStatus of(JsonNode status) {
    String state = status.path("state").asText("Unknown");
    JsonNode consoles = status.path("consoles");
    JsonNode ssh = status.path("sshPort");
    return new ConsoleStatus(
        state.equals("Running"),
        state,
        holder(consoles.path("serial")),
        holder(consoles.path("vnc")),
        ssh.isInt() ? Optional.of(ssh.asInt()) : Optional.empty());
  }

  private static Optional<Holder> holder(JsonNode h) {
    return h.isObject()
        ? Optional.of(new Holder(h.path("user").asText(), h.path("since").asText()))
        : Optional.empty();
  }
}
