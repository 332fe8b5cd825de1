package io.vmconsole.console;

import io.vmconsole.agent.AgentEndpoint;

/**
 * A VM's consoles as the proxy reaches them: the VM's identity on its agent is its uid.
 *
 * @param namespace the VM's namespace
 * @param name the VM's name
 * @param vmId the VirtualMachine's uid
 * @param agent the agent of the node the VM is placed on
 */
public record ConsoleTarget(String namespace, String name, String vmId, AgentEndpoint agent) {

  /** How audit records name it. */
  public String auditName() {
    return "VirtualMachine " + namespace + "/" + name;
  }
}
