package io.vmconsole.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the target of a live migration is asked to prepare (node-agent/API.md "Migration —
 * contract"): a QEMU waiting for the VM. The spec is the source's own report of what it runs,
 * hot-plugged disks included, passed on as the source wrote it: the target must match it exactly,
 * so the controller does not rebuild it.
 */
public record IncomingMigration(String migrationId, String vmId, String sourceNode, JsonNode spec) {
  public static IncomingMigration of(String migrationId, String sourceNode, AgentVm running) {
    return new IncomingMigration(migrationId, running.vmId(), sourceNode, running.spec());
  }
}
