package io.vmconsole.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.vmconsole.console.ConsoleKind;
import io.vmconsole.console.ConsoleService;

/**
 * One console of a VM as a box that fills its parent, or the reason it is not offered (a viewer has
 * no VNC). The proxy refuses what this hides.
 */
public final class ConsolePanel {
  private ConsolePanel() {}

  public static Component of(
      ConsoleService consoles,
      ConsoleKind kind,
      String namespace,
      String name,
      boolean fullWindow) {
    Div box = new Div();
    box.addClassName(fullWindow ? "console-full-window" : "console-tab");
    boolean operate = consoles.mayInteract(namespace);
    if (kind == ConsoleKind.VNC && !operate) {
      box.add(new Span("The VNC console needs the operator role in namespace " + namespace + "."));
      return box;
    }
    Component console =
        kind == ConsoleKind.VNC
            ? new VncConsole(namespace, name)
            : new SerialConsole(namespace, name, operate);
    if (!fullWindow) {
      Anchor full =
          new Anchor(
              "console/" + kind.path() + "/" + namespace + "/" + name, "Open in full window");
      full.setTarget("_blank");
      full.addClassName("console-full-window-link");
      box.add(full);
    }
    box.add(console);
    return box;
  }
}
