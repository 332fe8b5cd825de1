package io.vmconsole.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import io.vmconsole.console.ConsoleKind;
import io.vmconsole.console.ConsoleRequest;

/** The xterm.js serial console element (frontend/consoles/vm-serial-console.ts). */
@Tag("vm-serial-console")
@NpmPackage(value = "@xterm/xterm", version = "6.0.0")
@NpmPackage(value = "@xterm/addon-fit", version = "0.11.0")
@JsModule("./consoles/vm-serial-console.ts")
public class SerialConsole extends Component {

  public SerialConsole(String namespace, String name, boolean interactive) {
    getElement().setAttribute("ws-path", ConsoleRequest.path(ConsoleKind.SERIAL, namespace, name));
    getElement().setAttribute("log-url", "/console-api/serial-log/" + namespace + "/" + name);
    getElement().setAttribute("mode", interactive ? "interactive" : "watch");
    getElement().setAttribute("vm-name", name);
  }
}
