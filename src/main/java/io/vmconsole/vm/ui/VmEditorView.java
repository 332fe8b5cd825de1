package io.vmconsole.vm.ui;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.provisioning.ProvisioningSecretService;
import io.vmconsole.provisioning.ProvisioningTypes;
import io.vmconsole.security.Access;
import io.vmconsole.security.Role;
import io.vmconsole.shell.NamespaceSelection;
import io.vmconsole.shell.NamespaceService;
import io.vmconsole.shell.ui.MainLayout;
import io.vmconsole.vm.NewDisk;
import io.vmconsole.vm.VmEditService;
import io.vmconsole.vm.VmTemplates;
import io.vmconsole.vm.edit.FieldMerge;
import io.vmconsole.vm.edit.YamlDocument;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/**
 * Create a VM, or edit one: a form and a YAML tab over one object, kept in sync (whatever the form
 * has no field for is edited in YAML and survives the form). Validation is the API's own; YAML
 * errors carry their line. Editing shows, before saving, which changes apply now and which need a
 * restart; saving merges with what others changed meanwhile and shows the fields both changed,
 * keeping the user's values.
 */
@Route(value = "vms/new", layout = MainLayout.class)
@RouteAlias(value = "vms/:namespace/:name/edit", layout = MainLayout.class)
@RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
public class VmEditorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
  private final VmEditService edits;
  private final Access access;
  private final VmForm form;
  private final TextArea yaml = new TextArea();
  private final TabSheet tabs = new TabSheet();
  private final Div errors = new Div();
  private final Div conflicts = new Div();
  private final ChangePanel changes = new ChangePanel();
  private final Select<String> template = new Select<>();
  private final H2 title = new H2();
  private final NamespaceSelection selection;
  private ObjectNode base;
  private ObjectNode object;
  private List<NewDisk> newDisks = new ArrayList<>();
  // The template's cloud-init, for the Secret the VM names; null when the template has none.
  private String templateCloudInit;
  private String namespace;
  private String name;
  private boolean switching;

  public VmEditorView(
      VmEditService edits,
      Access access,
      NamespaceService namespaces,
      NamespaceSelection selection,
      ProvisioningSecretService secrets) {
    this.edits = edits;
    this.access = access;
    this.selection = selection;
    this.form =
        new VmForm(edits, namespaces.readable().stream().filter(access::canOperate).toList());
    setWidthFull();
    yaml.setId("vm-yaml-editor");
    yaml.setWidthFull();
    yaml.setMinHeight("30em");
    yaml.setValueChangeMode(ValueChangeMode.EAGER);
    yaml.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
    tabs.setId("vm-editor-tabs");
    tabs.add("Form", form).setId("tab-form");
    tabs.add("YAML", yaml).setId("tab-yaml");
    tabs.setWidthFull();
    tabs.addSelectedChangeListener(e -> switchTabs());
    errors.setId("editor-errors");
    errors.getStyle().set("color", "var(--lumo-error-text-color)");
    conflicts.setId("conflicts");
    conflicts.setVisible(false);
    form.onChange(this::preview);
    yaml.addValueChangeListener(e -> preview());
    form.toSecret.addClickListener(e -> keepInSecret(secrets));
    template.setId("vm-template");
    template.setLabel("Template");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    namespace = event.getRouteParameters().get("namespace").orElse(null);
    name = event.getRouteParameters().get("name").orElse(null);
    removeAll();
    Button save = new Button(editing() ? "Save" : "Create", e -> save());
    save.setId("vm-save");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button cancel = new Button("Cancel", e -> leave());
    VerticalLayout main =
        new VerticalLayout(tabs, errors, conflicts, new HorizontalLayout(save, cancel));
    main.setPadding(false);
    if (editing()) {
      title.setText("Edit " + name);
      ObjectNode stored =
          access.canOperate(namespace) ? edits.load(namespace, name).orElse(null) : null;
      if (stored == null) {
        add(
            new Anchor("vms", "← Virtual machines"),
            new Paragraph(
                "VirtualMachine "
                    + namespace
                    + "/"
                    + name
                    + " does not exist, or your role does not allow changing it."));
        return;
      }
      base = stored;
      object = stored.deepCopy();
      form.read(object, List.of());
      form.name.setReadOnly(true);
      form.namespace.setReadOnly(true);
      form.devices.existingOnly();
      changes.phase(stored.path("status").path("phase").asText(""));
      HorizontalLayout split = new HorizontalLayout(main, changes);
      split.setWidthFull();
      main.setWidthFull();
      add(new Anchor("vms/" + namespace + "/" + name, "← " + name), title, split);
      preview();
    } else {
      title.setText("Create virtual machine");
      String ns =
          selection.get() != null && access.canOperate(selection.get())
              ? selection.get()
              : form.namespace.getListDataView().getItems().findFirst().orElse(null);
      List<VmTemplates.Template> templates = VmTemplates.all(ns);
      template.setItems(templates.stream().map(VmTemplates.Template::title).toList());
      template.addValueChangeListener(
          e ->
              templates.stream()
                  .filter(t -> t.title().equals(e.getValue()))
                  .findFirst()
                  .ifPresent(this::apply));
      object = JsonNodeFactory.instance.objectNode();
      object
          .put("apiVersion", "virtualization.deckhouse.io/v1alpha2")
          .put("kind", "VirtualMachine");
      object.putObject("metadata").put("namespace", ns);
      form.read(object, List.of());
      add(new Anchor("vms", "← Virtual machines"), title, template, main);
    }
  }

  @Override
  public String getPageTitle() {
    return (editing() ? "Edit " + name : "Create VM") + " · vm-console";
  }

  private boolean editing() {
    return name != null;
  }

  private void apply(VmTemplates.Template t) {
    object = t.vm().deepCopy();
    newDisks = new ArrayList<>(t.disks());
    templateCloudInit = t.cloudInit();
    form.read(object, newDisks);
    if (yamlSelected()) {
      yaml.setValue(YamlDocument.write(object));
    }
  }

  private boolean yamlSelected() {
    return tabs.getSelectedIndex() == 1;
  }

  /**
   * Moving between the tabs carries the object over; a YAML that does not parse keeps the user in
   * YAML.
   */
  private void switchTabs() {
    if (switching) {
      return;
    }
    if (yamlSelected()) {
      object = form.write(object);
      newDisks = form.newDisks();
      yaml.setValue(YamlDocument.write(object));
      errors.removeAll();
      return;
    }
    try {
      object = YamlDocument.parse(yaml.getValue());
      form.read(object, newDisks);
      errors.removeAll();
    } catch (YamlDocument.SyntaxError e) {
      switching = true;
      tabs.setSelectedIndex(1);
      switching = false;
      showSyntaxError(e);
    }
  }

  /** The object as the active tab has it. */
  private ObjectNode working() {
    if (yamlSelected()) {
      ObjectNode parsed = YamlDocument.parse(yaml.getValue());
      // A YAML without a namespace (as the seed writes it, for kubectl -n) goes to the form's
      // namespace.
      if (parsed.path("metadata").path("namespace").asText("").isEmpty()
          && form.namespace.getValue() != null) {
        parsed.with("metadata").put("namespace", form.namespace.getValue());
      }
      return parsed;
    }
    newDisks = form.newDisks();
    return form.write(object);
  }

  private void preview() {
    if (!editing() || base == null) {
      return;
    }
    try {
      changes.show(edits.preview(base, working()));
    } catch (YamlDocument.SyntaxError e) {
      // The panel keeps the last readable state while the YAML is mid-edit.
    }
  }

  private void save() {
    errors.removeAll();
    conflicts.setVisible(false);
    ObjectNode vm;
    try {
      vm = working();
    } catch (YamlDocument.SyntaxError e) {
      showSyntaxError(e);
      return;
    }
    try {
      if (editing()) {
        saveEdit(vm, base);
      } else {
        edits.create(vm, newDisks, templateCloudInit);
        Notification.show(
                "VirtualMachine " + vm.path("metadata").path("name").asText() + " created")
            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        UI.getCurrent()
            .navigate(
                "vms/"
                    + vm.path("metadata").path("namespace").asText()
                    + "/"
                    + vm.path("metadata").path("name").asText());
      }
    } catch (InvalidInputException e) {
      showErrors(e.errors());
    } catch (AccessDeniedException e) {
      // Named like any broken rule, on the field that broke it; what was typed stays.
      String ns = vm.path("metadata").path("namespace").asText();
      showErrors(
          List.of(
              new FieldError(
                  "metadata.namespace",
                  "you may not create or change VMs in namespace '"
                      + ns
                      + "'"
                      + access
                          .currentUser()
                          .map(
                              u ->
                                  u.namespaces().isEmpty()
                                      ? ""
                                      : " (yours: " + String.join(", ", u.namespaces()) + ")")
                          .orElse(""))));
    }
  }

  private void saveEdit(ObjectNode vm, ObjectNode against) {
    VmEditService.SaveResult result = edits.save(namespace, name, against, vm);
    if (result.saved()) {
      Notification.show("VirtualMachine " + name + " saved")
          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
      UI.getCurrent().navigate("vms/" + namespace + "/" + name);
      return;
    }
    showConflicts(result, vm);
  }

  /** Both changed the same fields: show them side by side; the form keeps the user's values. */
  private void showConflicts(VmEditService.SaveResult result, ObjectNode mine) {
    conflicts.removeAll();
    conflicts.setVisible(true);
    conflicts.add(
        new Paragraph(
            "Not saved: someone else changed these fields since you opened the form."
                + " Your values are still in the form."));
    Grid<FieldMerge.Conflict> grid = new Grid<>();
    grid.setId("conflict-grid");
    grid.addColumn(c -> c.path().toString()).setHeader("Field").setAutoWidth(true);
    grid.addColumn(c -> c.theirs() == null ? "—" : c.theirs().toString())
        .setHeader("Theirs (stored now)");
    grid.addColumn(c -> c.yours() == null ? "—" : c.yours().toString())
        .setHeader("Yours (in the form)");
    grid.setItems(result.conflicts());
    grid.setAllRowsVisible(true);
    Button overwrite =
        new Button(
            "Save mine over theirs",
            e -> {
              base = result.stored();
              conflicts.setVisible(false);
              try {
                saveEdit(mine, base);
              } catch (InvalidInputException ex) {
                showErrors(ex.errors());
              }
            });
    overwrite.setId("save-mine");
    conflicts.add(grid, overwrite);
  }

  private void showErrors(List<FieldError> list) {
    errors.removeAll();
    errors.add(new Paragraph("Nothing was saved. Fix these and save again:"));
    boolean inYaml = yamlSelected();
    for (FieldError e : list) {
      String line =
          inYaml
              ? YamlDocument.lineOf(yaml.getValue(), e.field())
                  .map(n -> "line " + n + ": ")
                  .orElse("")
              : "";
      Div d = new Div(line + e.message());
      d.addClassName("editor-error");
      errors.add(d);
    }
    if (!inYaml) {
      form.showErrors(list);
    }
  }

  private void showSyntaxError(YamlDocument.SyntaxError e) {
    errors.removeAll();
    Div d = new Div("YAML syntax error at " + e.getMessage());
    d.addClassName("editor-error");
    errors.add(d);
  }

  /**
   * Moves the inline cloud-init into a Secret of the cloud-init type named after the VM, and points
   * the VM at it: for cloud-init longer than the inline limit, or to share it.
   */
  private void keepInSecret(ProvisioningSecretService secrets) {
    String ns = form.namespace.getValue();
    String secret = form.name.getValue().trim() + "-cloud-init";
    try {
      secrets.save(
          ns,
          secret,
          ProvisioningTypes.CLOUD_INIT,
          java.util.Map.of("userData", form.userData.getValue()));
      form.secretName.setValue(secret);
      form.provisioning.setValue(VmForm.CLOUD_INIT_SECRET);
      Notification.show("cloud-init kept in Secret " + secret)
          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    } catch (InvalidInputException e) {
      showErrors(e.errors());
    }
  }

  private void leave() {
    UI.getCurrent().navigate(editing() ? "vms/" + namespace + "/" + name : "vms");
  }
}
