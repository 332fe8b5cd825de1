package io.vmconsole.audit.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vmconsole.audit.AuditQuery;
import io.vmconsole.audit.AuditRecord;
import io.vmconsole.audit.AuditService;
import io.vmconsole.shell.ui.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.util.TreeMap;

/** The audit trail: who did what to which object and when, filtered by user, VM and action. */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit log · vm-console")
@PermitAll
public class AuditView extends VerticalLayout {
  private final AuditService audit;
  private final TextField user = filter("audit-user", "User", "exact user name");
  private final TextField vm = filter("audit-vm", "VM", "name or namespace/name");
  private final TextField action = filter("audit-action", "Action", "e.g. vmop, vm.update");
  private final Grid<AuditRecord> grid = new Grid<>();

  public AuditView(AuditService audit) {
    this.audit = audit;
    setSizeFull();
    grid.setId("audit-grid");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(r -> r.time().toString()).setHeader("Time").setAutoWidth(true);
    grid.addColumn(AuditRecord::user).setHeader("User").setAutoWidth(true);
    grid.addColumn(AuditRecord::action).setHeader("Action").setAutoWidth(true);
    grid.addColumn(AuditRecord::target).setHeader("Object").setAutoWidth(true);
    grid.addColumn(r -> r.details() == null ? "" : new TreeMap<>(r.details()).toString())
        .setHeader("Details")
        .setFlexGrow(2);
    grid.setSizeFull();
    HorizontalLayout filters = new HorizontalLayout(user, vm, action);
    filters.setAlignItems(FlexComponent.Alignment.BASELINE);
    add(new H2("Audit log"), filters, grid);
    reload();
  }

  private TextField filter(String id, String label, String placeholder) {
    TextField f = new TextField(label);
    f.setId(id);
    f.setPlaceholder(placeholder);
    f.setClearButtonVisible(true);
    f.setValueChangeMode(ValueChangeMode.LAZY);
    f.addValueChangeListener(e -> reload());
    return f;
  }

  private void reload() {
    grid.setItems(audit.find(new AuditQuery(user.getValue(), vm.getValue(), action.getValue())));
  }
}
