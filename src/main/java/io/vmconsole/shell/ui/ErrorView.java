package io.vmconsole.shell.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

/** Shown when a page fails: says what happened in words, logs the details for the operator. */
@PermitAll
@ParentLayout(MainLayout.class)
public class ErrorView extends VerticalLayout implements HasErrorParameter<Exception> {
  private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

  @Override
  public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
    removeAll();
    Exception e = parameter.getException();
    if (e instanceof AccessDeniedException) {
      add(
          new H2("Not allowed"),
          new Paragraph("Your role does not allow this page."),
          new Anchor("vms", "Go to the virtual machines"));
      return HttpServletResponse.SC_FORBIDDEN;
    }
    log.error("Page /{} failed", event.getLocation().getPath(), e);
    add(
        new H2("Something went wrong"),
        new Paragraph(
            "The page could not be shown: "
                + e.getClass().getSimpleName()
                + ". The details are in the console's log."),
        new Anchor("vms", "Go to the virtual machines"));
    return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
  }
}
