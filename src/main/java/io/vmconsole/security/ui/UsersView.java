package io.vmconsole.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.security.Role;
import io.vmconsole.security.UserAccount;
import io.vmconsole.security.UserService;
import io.vmconsole.shell.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;

/** Admins create users, set their role and namespaces, reset passwords and delete them. */
@Route(value = "users", layout = MainLayout.class)
@PageTitle("Users · vm-console")
@RolesAllowed(Role.ADMIN_NAME)
public class UsersView extends VerticalLayout {
  private final UserService users;
  private final Grid<UserAccount> grid = new Grid<>();

  public UsersView(UserService users) {
    this.users = users;
    grid.setId("users-grid");
    grid.addColumn(UserAccount::username).setHeader("User");
    grid.addColumn(u -> u.role().name().toLowerCase()).setHeader("Role");
    grid.addColumn(u -> u.namespaces().isEmpty() ? "all" : String.join(", ", u.namespaces()))
        .setHeader("Namespaces");
    grid.addColumn(new ComponentRenderer<>(this::actions)).setHeader("").setAutoWidth(true);
    Button add = new Button("New user", e -> openEditor(null));
    add.setId("new-user");
    add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    add(new H2("Users"), add, grid);
    reload();
  }

  private HorizontalLayout actions(UserAccount user) {
    Button edit = new Button("Edit", e -> openEditor(user));
    Button delete =
        new Button(
            "Delete",
            e -> {
              ConfirmDialog confirm =
                  new ConfirmDialog(
                      "Delete user " + user.username() + "?",
                      "They will no longer be able to log in.",
                      "Delete",
                      ok -> {
                        try {
                          users.delete(user.username());
                          reload();
                        } catch (InvalidInputException ex) {
                          Notification.show(ex.getMessage())
                              .addThemeVariants(NotificationVariant.LUMO_ERROR);
                        }
                      });
              confirm.setCancelable(true);
              confirm.setConfirmButtonTheme("error primary");
              confirm.open();
            });
    delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
    return new HorizontalLayout(edit, delete);
  }

  private void openEditor(UserAccount existing) {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle(existing == null ? "New user" : "Edit " + existing.username());
    TextField username = new TextField("Username");
    username.setId("user-name");
    PasswordField password =
        new PasswordField(existing == null ? "Password" : "New password (optional)");
    password.setId("user-password");
    ComboBox<Role> role = new ComboBox<>("Role", Arrays.asList(Role.values()));
    role.setId("user-role");
    role.setItemLabelGenerator(r -> r.name().toLowerCase());
    TextField namespaces = new TextField("Namespaces (comma-separated; empty = all)");
    namespaces.setId("user-namespaces");
    if (existing != null) {
      username.setValue(existing.username());
      username.setReadOnly(true);
      role.setValue(existing.role());
      namespaces.setValue(String.join(", ", existing.namespaces()));
    } else {
      role.setValue(Role.VIEWER);
    }
    Span error = new Span();
    error.getStyle().set("color", "var(--lumo-error-text-color)");
    Button save =
        new Button(
            "Save",
            e -> {
              List<String> ns =
                  Arrays.stream(namespaces.getValue().split(","))
                      .map(String::trim)
                      .filter(s -> !s.isEmpty())
                      .toList();
              try {
                if (existing == null) {
                  users.create(username.getValue(), password.getValue(), role.getValue(), ns);
                } else {
                  users.update(existing.username(), role.getValue(), ns);
                  if (!password.getValue().isEmpty()) {
                    users.resetPassword(existing.username(), password.getValue());
                  }
                }
                dialog.close();
                reload();
              } catch (InvalidInputException ex) {
                error.setText(ex.getMessage());
              }
            });
    save.setId("save-user");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    dialog.add(new FormLayout(username, password, role, namespaces), error);
    dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
    dialog.open();
  }

  private void reload() {
    grid.setItems(users.list());
  }
}
