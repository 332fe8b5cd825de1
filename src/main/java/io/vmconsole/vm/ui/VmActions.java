package io.vmconsole.vm.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.operations.OperationService;
import io.vmconsole.shell.ui.Failures;
import io.vmconsole.vm.VmDetails;
import io.vmconsole.vm.VmEditService;
import java.util.ArrayList;
import java.util.List;

/**
 * The VM page's actions: Start, Stop, Restart and their forced forms (each one
 * VirtualMachineOperation, whose progress the page's operations table shows), Migrate (offered only
 * while the VM can move; the reason is the tooltip otherwise), Edit, and Delete after a
 * confirmation that says what happens to the disks and the IP. Only built for users who may operate
 * the namespace; the services refuse the rest anyway.
 */
final class VmActions extends HorizontalLayout {
  private final OperationService operations;
  private final VmEditService edits;
  private final String namespace;
  private final String name;
  private final Span lastOperation = new Span();
  private final Button migrate = new Button("Migrate");
  // A disabled button gets no pointer events, so the reason sits on a wrapper that does.
  private final Span migrateHolder = new Span(migrate);
  private VmDetails details;
  private final Button start;
  private final List<Button> stopping;

  VmActions(OperationService operations, VmEditService edits, String namespace, String name) {
    this.operations = operations;
    this.edits = edits;
    this.namespace = namespace;
    this.name = name;
    setId("vm-actions");
    lastOperation.setId("vm-last-operation");
    start = button("Start", "Start", false);
    stopping =
        List.of(
            button("Stop", "Stop", false),
            button("Restart", "Restart", false),
            button("Force stop", "Stop", true),
            button("Force restart", "Restart", true));
    add(start);
    stopping.forEach(this::add);
    migrate.setId("vm-action-migrate");
    migrate.addClickListener(e -> confirmMigrate());
    migrate.setEnabled(false);
    migrateHolder.setId("vm-action-migrate-holder");
    add(migrateHolder);
    Button edit =
        new Button(
            "Edit", e -> UI.getCurrent().navigate("vms/" + namespace + "/" + name + "/edit"));
    edit.setId("vm-edit");
    Button delete = new Button("Delete", e -> confirmDelete());
    delete.setId("vm-delete");
    delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
    add(edit, delete, lastOperation);
  }

  /** Keeps the delete dialog's facts (disks, IP) current. */
  void update(VmDetails details) {
    this.details = details;
    String phase = details.summary().phase();
    // The buttons follow the phase: Start for a VM that is stopped, the rest for one that runs
    // or is on its way; nothing while it is being deleted.
    boolean stopped = phase.isEmpty() || phase.equals("Stopped");
    boolean gone = phase.equals("Terminating");
    start.setEnabled(stopped && !gone);
    stopping.forEach(b -> b.setEnabled(!stopped && !gone));
    String blocker = details.migrationBlocker().orElse(null);
    migrate.setEnabled(blocker == null);
    migrate.setTooltipText(blocker);
    if (blocker == null) {
      migrateHolder.getElement().removeAttribute("title");
    } else {
      migrateHolder.getElement().setAttribute("title", blocker);
    }
  }

  /** Where to: any node the scheduler picks (Evict), or one node chosen here (Migrate). */
  private void confirmMigrate() {
    Dialog dialog = new Dialog();
    dialog.setId("migrate-dialog");
    String node = details == null ? "" : details.summary().node();
    dialog.setHeaderTitle("Migrate " + name + "?");
    Select<String> target = new Select<>();
    target.setId("migrate-target");
    target.setLabel("Target node");
    List<String> choices = new ArrayList<>();
    choices.add("");
    choices.addAll(operations.targetNodes(node));
    target.setItems(choices);
    target.setItemLabelGenerator(n -> n.isEmpty() ? "Any suitable node" : n);
    target.setValue("");
    TextField bandwidth = new TextField("Bandwidth limit (optional)");
    bandwidth.setId("migrate-bandwidth");
    bandwidth.setPlaceholder("unlimited");
    bandwidth.setHelperText("Bytes per second, e.g. 64Mi, to spare the network");
    dialog.add(
        new Paragraph(
            "The VM keeps running while its memory is copied to another node"
                + (node.isEmpty() ? "" : " (it is on " + node + " now)")
                + "; it pauses only for the final switch."),
        new VerticalLayout(target, bandwidth));
    Button go =
        new Button(
            "Migrate",
            e ->
                Failures.shown(
                    () -> {
                      String op;
                      try {
                        op =
                            operations.migrate(
                                namespace, name, target.getValue(), bandwidth.getValue());
                      } catch (InvalidInputException refused) {
                        // Said at the field, and the dialog stays open with what was typed.
                        bandwidth.setErrorMessage(refused.getMessage());
                        bandwidth.setInvalid(true);
                        return;
                      }
                      dialog.close();
                      lastOperation.setText("Migrate requested: " + op);
                      Notification.show("Migration requested (" + op + ")")
                          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    }));
    go.setId("migrate-confirm");
    go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), go);
    dialog.open();
  }

  private Button button(String label, String type, boolean force) {
    Runnable run =
        () ->
            Failures.shown(
                () -> {
                  String op = operations.run(namespace, name, type, force);
                  lastOperation.setText(label + " requested: " + op);
                  Notification.show(label + " requested (" + op + ")")
                      .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                });
    // Start changes nothing a user could lose; the rest stop what runs, so they ask first.
    Button b = new Button(label, e -> confirmed(label, type, force, run));
    b.setId("vm-action-" + label.toLowerCase().replace(' ', '-'));
    if (force) {
      b.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    }
    return b;
  }

  /** Runs a power action at once (Start) or after a confirmation that names the VM. */
  private void confirmed(String label, String type, boolean force, Runnable run) {
    if (type.equals("Start")) {
      run.run();
      return;
    }
    String what =
        switch (type + (force ? "!" : "")) {
          case "Stop" -> "The guest is asked to shut down; it stops when it does.";
          case "Restart" -> "The guest is asked to shut down, then it is started again.";
          case "Stop!" ->
              "The VM is switched off at once, like pulling the plug: unsaved data is lost.";
          default ->
              "The VM is reset at once, like pressing the reset button: unsaved data is lost.";
        };
    ConfirmDialog dialog =
        new ConfirmDialog(label + " " + name + "?", what, label + " " + name, e -> run.run());
    dialog.setId("power-dialog");
    dialog.setCancelable(true);
    dialog.setConfirmButtonTheme(force ? "error primary" : "primary");
    dialog.open();
  }

  private void confirmDelete() {
    Dialog dialog = new Dialog();
    dialog.setId("delete-dialog");
    dialog.setHeaderTitle("Delete VirtualMachine " + namespace + "/" + name + "?");
    String disks =
        details == null || details.disks().isEmpty()
            ? "It uses no VirtualDisks."
            : "Its disks ("
                + String.join(", ", details.disks())
                + ") are kept: delete them separately if you no longer need them.";
    String ip;
    if (details == null || details.ipAddressName().isEmpty()) {
      ip = "It holds no IP address yet.";
    } else if (details.automaticIp()) {
      ip =
          "Its automatic IP address ("
              + details.ipAddressName()
              + ") is released with it; the address stays reserved"
              + " for this namespace for the retention period, then returns to the pool.";
    } else {
      ip = "Its IP address object " + details.ipAddressName() + " is its own and is kept.";
    }
    dialog.add(
        new Paragraph(
            "VirtualMachine " + namespace + "/" + name + " is stopped and its object deleted."),
        new Paragraph(disks),
        new Paragraph(ip));
    Button confirm =
        new Button(
            "Delete " + name,
            e ->
                Failures.shown(
                    () -> {
                      edits.delete(namespace, name);
                      dialog.close();
                      Notification.show("VirtualMachine " + name + " deleted")
                          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                      UI.getCurrent().navigate("vms");
                    }));
    confirm.setId("confirm-delete");
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
    dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
    dialog.open();
  }
}
