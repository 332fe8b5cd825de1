package io.vmconsole.shell.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.Lumo;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.security.Access;
import io.vmconsole.security.ConsoleUser;
import io.vmconsole.shell.NamespaceSelection;
import io.vmconsole.shell.NamespaceService;
import jakarta.annotation.security.PermitAll;

/** The shell around every signed-in page: navigation, namespace selector, user menu, theme. */
@PermitAll
public class MainLayout extends AppLayout {
  static final String ALL_NAMESPACES = "All namespaces";

  private final NamespaceService namespaces;
  private final NamespaceSelection selection;
  private final ComboBox<String> namespaceBox = new ComboBox<>();

  public MainLayout(
      NamespaceService namespaces,
      NamespaceSelection selection,
      Access access,
      AuthenticationContext authentication) {
    this.namespaces = namespaces;
    this.selection = selection;
    Span title = new Span("vm-console");
    title.addClassName("app-title");
    if (access.mustChangePassword()) {
      // Nothing but choosing a password (or leaving) until it is chosen; services would refuse the
      // rest.
      HorizontalLayout header = new HorizontalLayout(userMenu(access, authentication));
      header.getStyle().set("margin-left", "auto").set("padding-right", "var(--lumo-space-m)");
      addToNavbar(title, header);
      return;
    }
    addToNavbar(new DrawerToggle(), title, header(access, authentication));
    addToDrawer(navigation(access));
    setPrimarySection(Section.DRAWER);
  }

  private HorizontalLayout header(Access access, AuthenticationContext authentication) {
    namespaceBox.setId("namespace-selector");
    namespaceBox.setAriaLabel("Namespace");
    namespaceBox.setPlaceholder(ALL_NAMESPACES);
    namespaceBox.setClearButtonVisible(true);
    reloadNamespaces();
    namespaceBox.setValue(selection.get());
    namespaceBox.addValueChangeListener(
        e -> {
          if (e.isFromClient()) {
            selection.set(e.getValue());
          }
        });
    HorizontalLayout header = new HorizontalLayout(namespaceBox);
    if (access.isAdmin()) {
      Button add = new Button(VaadinIcon.PLUS.create(), e -> openCreateNamespace());
      add.setId("create-namespace");
      add.setAriaLabel("Create namespace");
      add.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
      header.add(add);
    }
    header.add(userMenu(access, authentication));
    header.setAlignItems(FlexComponent.Alignment.CENTER);
    header.addClassName("app-header");
    header.getStyle().set("margin-left", "auto").set("padding-right", "var(--lumo-space-m)");
    return header;
  }

  private MenuBar userMenu(Access access, AuthenticationContext authentication) {
    MenuBar menu = new MenuBar();
    menu.setId("user-menu");
    menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
    String label = access.currentUser().map(u -> u.getUsername() + " · " + roleText(u)).orElse("?");
    SubMenu sub = menu.addItem(label).getSubMenu();
    sub.addItem("Change password", e -> UI.getCurrent().navigate("account"));
    sub.addItem("Light / dark theme", e -> toggleTheme());
    sub.addItem("Log out", e -> authentication.logout());
    return menu;
  }

  private static String roleText(ConsoleUser user) {
    String role = user.role().name().toLowerCase();
    return user.namespaces().isEmpty()
        ? role
        : role + " in " + String.join(", ", user.namespaces());
  }

  private static SideNav navigation(Access access) {
    SideNav nav = new SideNav();
    nav.setId("main-nav");
    nav.addItem(new SideNavItem("Virtual machines", "vms", VaadinIcon.DESKTOP.create()));
    nav.addItem(new SideNavItem("Operations", "operations", VaadinIcon.TASKS.create()));
    nav.addItem(new SideNavItem("IP addresses", "ip-addresses", VaadinIcon.CONNECT.create()));
    nav.addItem(
        new SideNavItem("Provisioning secrets", "provisioning-secrets", VaadinIcon.KEY.create()));
    nav.addItem(new SideNavItem("Audit log", "audit", VaadinIcon.RECORDS.create()));
    if (access.isAdmin()) {
      nav.addItem(new SideNavItem("Nodes", "nodes", VaadinIcon.SERVER.create()));
      nav.addItem(new SideNavItem("IP pool", "settings/ip-pool", VaadinIcon.COG.create()));
      nav.addItem(new SideNavItem("Users", "users", VaadinIcon.USERS.create()));
    }
    return nav;
  }

  /** Asked on every opening of the box, so namespaces made elsewhere show up too. */
  private void reloadNamespaces() {
    namespaceBox.setItems(
        query ->
            namespaces.readable().stream()
                .filter(n -> n.contains(query.getFilter().orElse("")))
                .skip(query.getOffset())
                .limit(query.getLimit()));
  }

  private void openCreateNamespace() {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Create namespace");
    TextField name = new TextField("Name");
    name.setId("new-namespace-name");
    Button create =
        new Button(
            "Create",
            e -> {
              try {
                namespaces.create(name.getValue());
                dialog.close();
                Notification.show("Namespace " + name.getValue() + " created")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                reloadNamespaces();
              } catch (InvalidInputException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
              }
            });
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    dialog.add(name);
    dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
    dialog.open();
  }

  private static void toggleTheme() {
    var themes = UI.getCurrent().getElement().getThemeList();
    if (themes.contains(Lumo.DARK)) {
      themes.remove(Lumo.DARK);
    } else {
      themes.add(Lumo.DARK);
    }
  }
}
