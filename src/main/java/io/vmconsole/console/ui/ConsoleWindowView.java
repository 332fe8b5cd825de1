package io.vmconsole.console.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.vmconsole.console.ConsoleKind;
import io.vmconsole.console.ConsoleService;
import jakarta.annotation.security.PermitAll;

/**
 * A console alone in the window (no shell around it): {@code console/serial|vnc/:namespace/:name}.
 * Every logged-in user may open the route; the service decides what they see.
 */
@Route("console/:kind/:namespace/:name")
@PermitAll
public class ConsoleWindowView extends Div implements BeforeEnterObserver, HasDynamicTitle {
  private final ConsoleService consoles;
  private String title = "Console";

  public ConsoleWindowView(ConsoleService consoles) {
    this.consoles = consoles;
    setSizeFull();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    removeAll();
    var params = event.getRouteParameters();
    String namespace = params.get("namespace").orElse("");
    String name = params.get("name").orElse("");
    var kind = ConsoleKind.ofPath(params.get("kind").orElse(""));
    if (kind.isEmpty() || consoles.target(namespace, name).isEmpty()) {
      add(
          new Span(
              "No console for "
                  + namespace
                  + "/"
                  + name
                  + ": the VM does not exist, is not placed on a "
                  + "node yet, or your role does not cover namespace "
                  + namespace
                  + "."));
      return;
    }
    title = name + " · " + (kind.get() == ConsoleKind.VNC ? "VNC" : "serial") + " · vm-console";
    add(ConsolePanel.of(consoles, kind.get(), namespace, name, true));
  }

  @Override
  public String getPageTitle() {
    return title;
  }
}
