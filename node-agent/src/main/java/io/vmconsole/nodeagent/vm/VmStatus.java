package io.vmconsole.nodeagent.vm;

import io.vmconsole.nodeagent.console.ConsoleSessions;
import io.vmconsole.nodeagent.spec.VmSpec;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /v1/vms/{vmId}} answers: the authority on a VM (events are only hints).
 *
 * @param state Starting, Running, Stopping, Stopped, Crashed
 * @param reason why it is in that state, e.g. "guest powered off", "stopped by host", "crashed"
 * @param spec the spec the running QEMU was started from (with hot-plugged disks), else the defined
 *     spec for the next start
 * @param deviceNames what the guest calls each device, by disk id ("seed" for the cloud-init CD);
 *     null when not running
 */
public record VmStatus(
    String vmId,
    String name,
    String namespace,
    String state,
    String reason,
    String since,
    Long pid,
    String accelerator,
    VmSpec spec,
    Integer sshPort,
    boolean coreFractionEnforced,
    Map<String, String> deviceNames,
    Guest guest,
    Consoles consoles) {

  /**
   * @param agent "up" or "down"
   */
  public record Guest(String agent, String osName, String osVersion, List<String> addresses) {}

  /** Interactive holders of the consoles, null when nobody holds one. */
  public record Consoles(ConsoleSessions.Holder serial, ConsoleSessions.Holder vnc) {}
}
