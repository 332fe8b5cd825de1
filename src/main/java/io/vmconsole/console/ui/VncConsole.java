package io.vmconsole.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import io.vmconsole.console.ConsoleKind;
import io.vmconsole.console.ConsoleRequest;

/** The noVNC console element (frontend/consoles/vm-vnc-console.ts). */
@Tag("vm-vnc-console")
@NpmPackage(value = "@novnc/novnc", version = "1.7.0")
@JsModule("./consoles/vm-vnc-console.ts")
public class VncConsole extends Component {

  public VncConsole(String namespace, String name) {
    getElement().setAttribute("ws-path", ConsoleRequest.path(ConsoleKind.VNC, namespace, name));
    getElement().setAttribute("mode", "interactive");
    getElement().setAttribute("vm-name", name);
  }
}
