package io.vmconsole.console;

import io.vmconsole.agent.AgentConsoles;
import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.agent.AgentEndpoint;
import io.vmconsole.security.Access;
import io.vmconsole.vm.VirtualMachineService;
import io.vmconsole.vm.VmSummary;
import java.io.IOException;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Who may open which console of which VM, and where it is. Views and the WebSocket handshake both
 * ask here: the view hides, this refuses.
 */
@Service
public class ConsoleService {
  private final VirtualMachineService vms;
  private final ObjectProvider<AgentDirectory> agents;
  private final AgentConsoles consoles;
  private final Access access;

  public ConsoleService(
      VirtualMachineService vms,
      ObjectProvider<AgentDirectory> agents,
      AgentConsoles consoles,
      Access access) {
    this.vms = vms;
    this.agents = agents;
    this.consoles = consoles;
    this.access = access;
  }

  /** The VM's consoles, when the current user may read the VM and it is placed on a known node. */
  @PreAuthorize("@access.isSignedIn()")
  public Optional<ConsoleTarget> target(String namespace, String name) {
    if (!access.canRead(namespace)) {
      return Optional.empty();
    }
    return vms.get(namespace, name).map(d -> d.summary()).flatMap(this::placed);
  }

  /**
   * Whether the current user may open this console in this mode: operators and admins of the
   * namespace interact; a viewer may only watch the serial console.
   */
  @PreAuthorize("@access.isSignedIn()")
  public boolean mayOpen(String namespace, ConsoleKind kind, boolean interactive) {
    if (access.canOperate(namespace)) {
      return true;
    }
    return access.canRead(namespace) && kind == ConsoleKind.SERIAL && !interactive;
  }

  @PreAuthorize("@access.isSignedIn()")
  public boolean mayInteract(String namespace) {
    return access.canOperate(namespace);
  }

  /**
   * The agent's view of the consoles; {@link ConsoleStatus#UNKNOWN} when the agent cannot say. For
   * the proxy, after the handshake authorised the target.
   */
  ConsoleStatus status(ConsoleTarget target) {
    try {
      return consoles
          .status(target.agent(), target.vmId())
          .map(ConsoleStatus::of)
          .orElse(ConsoleStatus.UNKNOWN);
    } catch (IOException e) {
      return ConsoleStatus.UNKNOWN;
    }
  }

  /** The serial output since the VM's last power-on. */
  @PreAuthorize("@access.isSignedIn()")
  public Optional<byte[]> serialLog(String namespace, String name) throws IOException {
    Optional<ConsoleTarget> t = target(namespace, name);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(consoles.serialLog(t.get().agent(), t.get().vmId()));
  }

  /** The exact command that reaches the guest's SSH through the node's loopback forward. */
  @PreAuthorize("@access.isSignedIn()")
  public Optional<String> sshCommand(String namespace, String name) {
    return target(namespace, name)
        .flatMap(t -> status(t).sshPort())
        .map(port -> "ssh -p " + port + " cloud@127.0.0.1");
  }

  private Optional<ConsoleTarget> placed(VmSummary vm) {
    AgentDirectory directory = agents.getIfAvailable();
    if (directory == null || vm.node() == null || vm.node().isBlank() || vm.uid() == null) {
      return Optional.empty();
    }
    Optional<AgentEndpoint> agent = directory.endpoint(vm.node());
    return agent.map(a -> new ConsoleTarget(vm.namespace(), vm.name(), vm.uid(), a));
  }
}
