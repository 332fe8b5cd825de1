package io.vmconsole.vm.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.vmconsole.operations.OperationService;
import io.vmconsole.shell.ui.Failures;
import io.vmconsole.vm.VmDetails;
import io.vmconsole.vm.VmEditService;

/**
 * Shown while status.restartAwaitingChanges is not empty: each waiting field current → desired, and
 * the three ways out — restart now, write the current values back, or let the controller restart by
 * itself.
 */
final class PendingRestartBanner extends Div {
  private final Grid<VmDetails.PendingChange> table = new Grid<>();
  private final Button automatic;

  PendingRestartBanner(
      OperationService operations,
      VmEditService edits,
      String namespace,
      String name,
      boolean canOperate) {
    setId("pending-restart");
    addClassName("pending-restart");
    getStyle()
        .set("border", "1px solid var(--lumo-warning-color, #c80)")
        .set("border-radius", "var(--lumo-border-radius-m)")
        .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
        .set("background", "var(--lumo-warning-color-10pct, #fff5e0)");
    add(new H4("These changes wait for a restart of the VM."));
    add(
        new Paragraph(
            "A reboot from inside the guest does not apply them: the VM must be restarted from the console"
                + " (or by a Restart operation), which starts a new QEMU process with the new configuration."));
    table.setId("pending-table");
    table.addColumn(VmDetails.PendingChange::path).setHeader("Path").setAutoWidth(true);
    table
        .addColumn(c -> c.current() + " → " + c.desired())
        .setHeader("Current → desired")
        .setFlexGrow(2);
    table.addColumn(VmDetails.PendingChange::operation).setHeader("Operation").setAutoWidth(true);
    table.setAllRowsVisible(true);
    add(table);
    Button restart =
        new Button(
            "Restart now",
            e ->
                Failures.shown(
                    () -> {
                      String op = operations.run(namespace, name, "Restart", false);
                      Notification.show("Restart requested (" + op + ")");
                    }));
    restart.setId("restart-now");
    restart.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button revert =
        new Button(
            "Revert pending changes",
            e ->
                Failures.shown(
                    () -> {
                      edits.revertPending(namespace, name);
                      Notification.show(
                          "Pending changes reverted: the spec holds the running values again");
                    }));
    revert.setId("revert-pending");
    automatic =
        new Button(
            "Switch to automatic",
            e ->
                Failures.shown(
                    () -> {
                      edits.switchToAutomatic(namespace, name);
                      Notification.show(
                          "restartApprovalMode is Automatic: the VM restarts by itself to apply changes");
                    }));
    automatic.setId("switch-automatic");
    if (canOperate) {
      add(new HorizontalLayout(restart, revert, automatic));
    }
  }

  void show(VmDetails details) {
    setVisible(details.awaitingRestart());
    table.setItems(details.pending());
    automatic.setVisible(!"Automatic".equals(details.restartApprovalMode()));
  }
}
