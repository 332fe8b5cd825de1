package io.vmconsole.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.base.ui.MainLayout;
import io.vmconsole.security.UserService;
import jakarta.annotation.security.PermitAll;
import java.util.Map;

/** Every user changes their own password here. */
@Route(value = "account", layout = MainLayout.class)
@PageTitle("Change password · vm-console")
@PermitAll
public class AccountView extends VerticalLayout {

  public AccountView(UserService users) {
    PasswordField current = new PasswordField("Current password");
    current.setId("current-password");
    PasswordField fresh = new PasswordField("New password");
    fresh.setId("new-password");
    PasswordField repeat = new PasswordField("Repeat new password");
    repeat.setId("repeat-password");
    Map<String, PasswordField> fields = Map.of("currentPassword", current, "newPassword", fresh);
    Button save = new Button("Change password", e -> {
      fields.values().forEach(f -> f.setInvalid(false));
      repeat.setInvalid(false);
      if (!fresh.getValue().equals(repeat.getValue())) {
        repeat.setErrorMessage("does not match the new password");
        repeat.setInvalid(true);
        return;
      }
      try {
        users.changeOwnPassword(current.getValue(), fresh.getValue());
        current.clear();
        fresh.clear();
        repeat.clear();
        Notification.show("Password changed").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
      } catch (InvalidInputException ex) {
        ex.errors().forEach(err -> {
          PasswordField f = fields.get(err.field());
          if (f != null) {
            f.setErrorMessage(err.rule());
            f.setInvalid(true);
          }
        });
      }
    });
    save.setId("change-password");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    add(new H2("Change password"), current, fresh, repeat, save);
  }
}
