package io.vmconsole.provisioning.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.provisioning.ProvisioningSecretService;
import io.vmconsole.provisioning.ProvisioningTypes;
import io.vmconsole.provisioning.SecretRow;
import io.vmconsole.security.Access;
import io.vmconsole.shell.NamespaceSelection;
import io.vmconsole.shell.NamespaceService;
import io.vmconsole.shell.ui.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provisioning Secrets of one namespace (cloud-init and sysprep). The list never carries
 * values; an operator or admin of the namespace reveals them on request, and edits them as plain
 * text (the service encodes base64).
 */
@Route(value = "provisioning-secrets", layout = MainLayout.class)
@PageTitle("Provisioning secrets · vm-console")
@PermitAll
public class ProvisioningSecretsView extends VerticalLayout {
  private final ProvisioningSecretService secrets;
  private final NamespaceSelection selection;
  private final Access access;
  private final ComboBox<String> namespace = new ComboBox<>("Namespace");
  private final Grid<SecretRow> grid = new Grid<>();
  private final TextField name = new TextField("Name");
  private final Select<String> type = new Select<>();
  private final Map<String, TextArea> values = new LinkedHashMap<>();
  private final Div errors = new Div();
  private final VerticalLayout editor = new VerticalLayout();
  private Runnable subscription;

  public ProvisioningSecretsView(
      ProvisioningSecretService secrets,
      NamespaceSelection selection,
      NamespaceService namespaces,
      Access access) {
    this.secrets = secrets;
    this.selection = selection;
    this.access = access;
    setSizeFull();
    namespace.setId("secrets-namespace");
    namespace.setItems(namespaces.readable());
    namespace.setValue(
        selection.get() != null
            ? selection.get()
            : namespaces.readable().stream().findFirst().orElse(null));
    namespace.addValueChangeListener(e -> reload());
    grid.setId("secrets-grid");
    grid.addColumn(SecretRow::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(SecretRow::type).setHeader("Type").setAutoWidth(true);
    grid.addColumn(r -> String.join(", ", r.keys())).setHeader("Keys").setFlexGrow(2);
    grid.setAllRowsVisible(true);
    grid.addItemClickListener(e -> open(e.getItem()));
    add(new H2("Provisioning secrets"), namespace, grid);
    if (access.isOperator()) {
      Button create = new Button("New secret", e -> open(null));
      create.setId("secret-new");
      add(create, buildEditor());
    }
    reload();
  }

  private VerticalLayout buildEditor() {
    editor.setId("secret-editor");
    editor.setVisible(false);
    editor.setPadding(false);
    name.setId("secret-name");
    type.setId("secret-type");
    type.setLabel("Type");
    type.setItems(ProvisioningTypes.TYPES);
    type.setValue(ProvisioningTypes.CLOUD_INIT);
    type.addValueChangeListener(e -> showKeys());
    errors.setId("secret-errors");
    errors.getStyle().set("color", "var(--lumo-error-text-color)");
    for (String key : List.of("userData", "autounattend.xml", "unattend.xml")) {
      TextArea area = new TextArea(key);
      area.setId("secret-value-" + key.replace('.', '-'));
      area.setWidthFull();
      area.setMinHeight("8em");
      values.put(key, area);
    }
    Button save = new Button("Save", e -> save());
    save.setId("secret-save");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    editor.add(new H3("Secret"), new HorizontalLayout(name, type), errors);
    values.values().forEach(editor::add);
    editor.add(save);
    showKeys();
    return editor;
  }

  private void showKeys() {
    List<String> keys = ProvisioningTypes.keys(type.getValue());
    values.forEach((k, area) -> area.setVisible(keys.contains(k)));
  }

  private void open(SecretRow row) {
    if (!access.isOperator()) {
      return;
    }
    editor.setVisible(true);
    errors.removeAll();
    values.values().forEach(a -> a.setValue(""));
    if (row == null) {
      name.setReadOnly(false);
      name.setValue("");
      values.values().forEach(a -> a.setPlaceholder(""));
      return;
    }
    name.setValue(row.name());
    name.setReadOnly(true);
    type.setValue(row.type());
    if (access.canOperate(row.namespace())) {
      // Values stay on the server until asked for: the editor shows them only after Reveal.
      values
          .values()
          .forEach(a -> a.setPlaceholder("hidden — press Reveal values to see and edit"));
      Button reveal =
          new Button(
              "Reveal values",
              e -> {
                secrets
                    .reveal(row.namespace(), row.name())
                    .forEach(
                        (k, v) -> {
                          if (values.containsKey(k)) {
                            values.get(k).setValue(v);
                          }
                        });
                e.getSource().setEnabled(false);
              });
      reveal.setId("secret-reveal");
      errors.add(reveal);
    }
  }

  private void save() {
    errors.removeAll();
    Map<String, String> data = new LinkedHashMap<>();
    List<String> keys = ProvisioningTypes.keys(type.getValue());
    values.forEach(
        (k, area) -> {
          if (keys.contains(k)) {
            data.put(k, area.getValue());
          }
        });
    try {
      secrets.save(namespace.getValue(), name.getValue(), type.getValue(), data);
      Notification.show("Secret " + name.getValue() + " saved")
          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
      editor.setVisible(false);
      reload();
    } catch (InvalidInputException ex) {
      ex.errors().forEach(err -> errors.add(new Div(new Span(err.message()))));
    }
  }

  private void reload() {
    grid.setItems(namespace.getValue() == null ? List.of() : secrets.list(namespace.getValue()));
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    subscription =
        selection.onChange(
            ns ->
                ui.access(
                    () -> {
                      if (ns != null) {
                        namespace.setValue(ns);
                      }
                    }));
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (subscription != null) {
      subscription.run();
    }
  }
}
