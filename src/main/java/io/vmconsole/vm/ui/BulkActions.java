package io.vmconsole.vm.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.vmconsole.operations.BulkResult;
import io.vmconsole.operations.OperationRow;
import io.vmconsole.operations.OperationService;
import io.vmconsole.operations.VmRef;
import io.vmconsole.vm.VmSummary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Start / Stop / Restart / Migrate (an Evict operation: the scheduler picks each VM's node) on the
 * selected rows: a confirmation listing every target, one operation per VM, then a result per VM
 * that follows its operation to the end; the selection is cleared afterwards.
 */
final class BulkActions extends HorizontalLayout {
  private final OperationService operations;
  private final Supplier<Set<VmSummary>> selection;
  private final Runnable clearSelection;

  BulkActions(
      OperationService operations, Supplier<Set<VmSummary>> selection, Runnable clearSelection) {
    this.operations = operations;
    this.selection = selection;
    this.clearSelection = clearSelection;
    setId("bulk-actions");
    for (String type : List.of("Start", "Stop", "Restart")) {
      add(button(type, type));
    }
    add(button("Migrate", "Evict"));
  }

  private Button button(String label, String type) {
    Button b = new Button(label + " selected", e -> confirm(label, type));
    b.setId("bulk-" + label.toLowerCase());
    return b;
  }

  private void confirm(String label, String type) {
    List<VmRef> targets =
        selection.get().stream()
            .map(v -> new VmRef(v.namespace(), v.name()))
            .sorted(java.util.Comparator.comparing(VmRef::toString))
            .toList();
    if (targets.isEmpty()) {
      com.vaadin.flow.component.notification.Notification.show("Select the virtual machines first");
      return;
    }
    Dialog dialog = new Dialog();
    dialog.setId("bulk-confirm");
    dialog.setHeaderTitle(
        label + " " + targets.size() + " virtual machine" + (targets.size() == 1 ? "" : "s") + "?");
    UnorderedList list = new UnorderedList();
    targets.forEach(
        t -> {
          ListItem item = new ListItem(t.toString());
          item.addClassName("bulk-target");
          list.add(item);
        });
    dialog.add(list);
    Button go =
        new Button(
            label,
            e -> {
              dialog.close();
              List<BulkResult> results = operations.runAll(targets, type, false);
              clearSelection.run();
              showResults(label, results);
            });
    go.setId("bulk-confirm-button");
    go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), go);
    dialog.open();
  }

  private void showResults(String type, List<BulkResult> results) {
    Dialog dialog = new Dialog();
    dialog.setId("bulk-results");
    dialog.setHeaderTitle(type + ": result per VM");
    dialog.setWidth("48em");
    Grid<BulkResult> grid = new Grid<>();
    grid.setId("bulk-results-grid");
    grid.setAllRowsVisible(true);
    Map<String, OperationRow> byName = new java.util.concurrent.ConcurrentHashMap<>();
    grid.addColumn(r -> r.vm().toString()).setHeader("VM").setAutoWidth(true);
    grid.addColumn(r -> r.operation() == null ? "—" : r.operation())
        .setHeader("Operation")
        .setAutoWidth(true);
    grid.addColumn(
            r ->
                r.error() != null
                    ? "Refused: " + r.error()
                    : phaseOf(byName.get(r.vm().namespace() + "/" + r.operation())))
        .setHeader("Result")
        .setFlexGrow(2);
    grid.setItems(results);
    Runnable reload =
        () -> {
          for (String ns :
              results.stream().map(r -> r.vm().namespace()).collect(Collectors.toSet())) {
            operations.list(ns, null).forEach(o -> byName.put(o.key(), o));
          }
          grid.getDataProvider().refreshAll();
        };
    reload.run();
    Runnable[] subscription = new Runnable[1];
    dialog.addAttachListener(
        (AttachEvent e) -> {
          UI ui = e.getUI();
          subscription[0] = operations.subscribe(key -> ui.access(reload::run));
          // An operation may have finished between the first read and the subscription (a refused
          // migration does at once): read again now that no change can be missed.
          reload.run();
        });
    dialog.addDetachListener(
        (DetachEvent e) -> {
          if (subscription[0] != null) {
            subscription[0].run();
          }
        });
    dialog.add(
        new Paragraph("Each VM got its own operation; its row follows it to the end."), grid);
    Button close = new Button("Close", e -> dialog.close());
    close.setId("bulk-results-close");
    dialog.getFooter().add(close);
    dialog.open();
  }

  private static String phaseOf(OperationRow op) {
    if (op == null) {
      return "Pending";
    }
    return op.phase() + (op.result().isEmpty() ? "" : " (" + op.result() + ")");
  }
}
