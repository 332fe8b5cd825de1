package io.vmconsole.shell;

import io.vmconsole.console.ConsoleKind;
import io.vmconsole.console.ConsoleService;
import io.vmconsole.console.ui.ConsolePanel;
import io.vmconsole.console.ui.SshAction;

/**
 * What other features' pages show of the consoles (the console feature's only UI entry). In the
 * shell, which composes the features: the VM page shows consoles, and the consoles look VMs up.
 */
@org.springframework.stereotype.Component
public class ConsoleNavigation {
  private final ConsoleService consoles;

  public ConsoleNavigation(ConsoleService consoles) {
    this.consoles = consoles;
  }

  public com.vaadin.flow.component.Component vncTab(String namespace, String name) {
    return ConsolePanel.of(consoles, ConsoleKind.VNC, namespace, name, false);
  }

  public com.vaadin.flow.component.Component serialTab(String namespace, String name) {
    return ConsolePanel.of(consoles, ConsoleKind.SERIAL, namespace, name, false);
  }

  public com.vaadin.flow.component.Component sshAction(String namespace, String name) {
    return SshAction.button(consoles, namespace, name);
  }
}
