package io.vmconsole.console;

import io.vmconsole.console.ui.ConsolePanel;
import io.vmconsole.console.ui.SshAction;

/** What other features' pages show of the consoles (the only UI entry of this feature). */
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
