package io.vmconsole.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.security.Access;
import io.vmconsole.security.UserService;
import io.vmconsole.shell.ui.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.util.Map;

/**
 * Every user changes their own password here; a user whose password was generated or set by an
 * admin is brought here first. A change ends all the user's sessions, this one too: they sign in
 * with the new one.
 */
@Route(value = "account", layout = MainLayout.class)
@PageTitle("Change password · vm-console")
@PermitAll
public class AccountView extends VerticalLayout {

  public AccountView(UserService users, Access access) {
    PasswordField current = new PasswordField("Current password");
    current.setId("current-password");
    PasswordField fresh = new PasswordField("New password");
    fresh.setId("new-password");
    PasswordField repeat = new PasswordField("Repeat new password");
    repeat.setId("repeat-password");
    Map<String, PasswordField> fields = Map.of("currentPassword", current, "newPassword", fresh);
    Button save =
        new Button(
            "Change password",
            e -> {
              fields.values().forEach(f -> f.setInvalid(false));
              repeat.setInvalid(false);
              if (!fresh.getValue().equals(repeat.getValue())) {
                repeat.setErrorMessage("does not match the new password");
                repeat.setInvalid(true);
                return;
              }
              try {
                users.changeOwnPassword(current.getValue(), fresh.getValue());
                // The change ended this session with the others; the login page says why.
                UI.getCurrent().getPage().setLocation(LoginView.PASSWORD_CHANGED);
              } catch (InvalidInputException ex) {
                ex.errors()
                    .forEach(
                        err -> {
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
    add(new H2("Change password"));
    if (access.mustChangePassword()) {
      Paragraph demand =
          new Paragraph(
              "Your password was generated or set by an administrator. Choose your own "
                  + "before you go on.");
      demand.setId("password-change-required");
      add(demand);
    }
    add(
        current,
        fresh,
        repeat,
        save,
        new Paragraph(
            "Changing your password signs you out everywhere, here too; sign in again with the new one."));
  }
}
