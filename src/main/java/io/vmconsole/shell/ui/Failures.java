package io.vmconsole.shell.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.vmconsole.base.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;

/**
 * Runs a button's action and shows its refusal (a rule, a lost race, a missing right) instead of
 * losing it.
 */
public final class Failures {
  private Failures() {}

  public static void shown(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      show("Not done: " + reason(e));
    }
  }

  /**
   * A refusal in words: a missing right says so (the service's exception says only "Access
   * Denied").
   */
  public static String reason(Throwable e) {
    if (e instanceof AccessDeniedException) {
      return "your role does not allow this here (or your account changed: reload the page)";
    }
    if (e instanceof InvalidInputException) {
      return e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static void show(String text) {
    Notification n = Notification.show(text, 8000, Notification.Position.MIDDLE);
    n.addThemeVariants(NotificationVariant.LUMO_ERROR);
  }
}
