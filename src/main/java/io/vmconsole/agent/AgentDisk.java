package io.vmconsole.agent;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A disk as the node agent's API takes it (node-agent/API.md): in a VM's spec, or hot-plugged.
 *
 * @param media "disk" or "cdrom"
 * @param readOnly absent for a cd-rom, which is read-only by nature
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentDisk(String id, String path, String format, String media, Boolean readOnly) {
  public static AgentDisk disk(String id, String path, String format, boolean readOnly) {
    return new AgentDisk(id, path, format, "disk", readOnly);
  }

  public static AgentDisk cdrom(String id, String path) {
    return new AgentDisk(id, path, "raw", "cdrom", null);
  }
}
