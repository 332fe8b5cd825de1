package io.vmconsole.base.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Runs a button's action and shows its refusal (a rule, a lost race, a missing right) instead of losing it. */
public final class Failures {
  private Failures() {}

  public static void shown(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      Notification n = Notification.show("Not done: " + e.getMessage(), 8000, Notification.Position.MIDDLE);
      n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }
}
