package io.vmconsole.shell.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.vmconsole.base.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * What an action no screen caught ends in: the user sees why in a notification; a refusal or bad
 * input is not logged here (a refusal gets its one line from the security feature, bad input is the
 * user's), anything else is logged once with its stack trace. Vaadin's default would log every one
 * as an ERROR stack trace and show the user nothing.
 */
@Component
class UiErrors implements VaadinServiceInitListener, ErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(UiErrors.class);

  @Override
  public void serviceInit(ServiceInitEvent event) {
    event.getSource().addSessionInitListener(e -> e.getSession().setErrorHandler(this));
  }

  @Override
  public void error(ErrorEvent event) {
    Throwable cause = refusal(event.getThrowable());
    if (cause == null) {
      log.error("An action failed", event.getThrowable());
      cause = event.getThrowable();
      notify(
          "Something went wrong: "
              + Failures.reason(cause)
              + ". The details are in the console's log.");
    } else {
      notify("Not done: " + Failures.reason(cause));
    }
  }

  /** The refusal or bad input in the chain of causes (Vaadin wraps what a listener threw). */
  private static Throwable refusal(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AccessDeniedException || c instanceof InvalidInputException) {
        return c;
      }
    }
    return null;
  }

  private static void notify(String text) {
    if (UI.getCurrent() != null) {
      Failures.show(text);
    }
  }
}
