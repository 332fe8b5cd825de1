package io.vmconsole.operations.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vmconsole.base.Age;
import io.vmconsole.operations.OperationRow;
import io.vmconsole.operations.OperationService;
import io.vmconsole.shell.NamespaceSelection;
import io.vmconsole.shell.ui.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every VirtualMachineOperation the user may read, as {@code kubectl get vmop} lists them, kept
 * live.
 */
@Route(value = "operations", layout = MainLayout.class)
@PageTitle("Operations · vm-console")
@PermitAll
public class OperationsView extends VerticalLayout {
  private final OperationService operations;
  private final NamespaceSelection namespace;
  private final Grid<OperationRow> grid = new Grid<>();
  private final List<Runnable> subscriptions = new ArrayList<>();
  private final AtomicBoolean pending = new AtomicBoolean();

  public OperationsView(OperationService operations, NamespaceSelection namespace) {
    this.operations = operations;
    this.namespace = namespace;
    setSizeFull();
    grid.setId("operations-grid");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(OperationRow::name).setHeader("NAME").setAutoWidth(true);
    grid.addColumn(OperationRow::namespace).setHeader("NAMESPACE").setAutoWidth(true);
    grid.addColumn(OperationRow::phase).setHeader("PHASE").setAutoWidth(true);
    grid.addColumn(OperationRow::progress).setHeader("PROGRESS").setAutoWidth(true);
    grid.addColumn(r -> r.type() + (r.force() ? " (force)" : ""))
        .setHeader("TYPE")
        .setAutoWidth(true);
    grid.addColumn(OperationRow::vmName).setHeader("VIRTUALMACHINE").setAutoWidth(true);
    grid.addColumn(OperationRow::route).setHeader("SOURCE → TARGET").setAutoWidth(true);
    grid.addColumn(r -> Age.since(r.created(), Instant.now())).setHeader("AGE").setAutoWidth(true);
    grid.addColumn(OperationRow::result).setHeader("RESULT").setFlexGrow(2);
    grid.setSizeFull();
    add(new H2("Operations"), grid);
    reload();
  }

  private void reload() {
    grid.setItems(operations.list(namespace.get(), null));
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    subscriptions.add(
        operations.subscribe(
            key -> {
              if (pending.compareAndSet(false, true)) {
                ui.access(
                    () -> {
                      pending.set(false);
                      reload();
                    });
              }
            }));
    subscriptions.add(namespace.onChange(ns -> ui.access(this::reload)));
    // A change between the first read and the subscription would otherwise never show.
    reload();
  }

  @Override
  protected void onDetach(DetachEvent event) {
    subscriptions.forEach(Runnable::run);
    subscriptions.clear();
  }
}
