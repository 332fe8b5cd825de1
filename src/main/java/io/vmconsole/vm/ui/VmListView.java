package io.vmconsole.vm.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.vmconsole.base.Age;
import io.vmconsole.operations.OperationService;
import io.vmconsole.security.Access;
import io.vmconsole.shell.NamespaceSelection;
import io.vmconsole.shell.ui.MainLayout;
import io.vmconsole.vm.RowChange;
import io.vmconsole.vm.VirtualMachineService;
import io.vmconsole.vm.VmQuery;
import io.vmconsole.vm.VmSort;
import io.vmconsole.vm.VmSummary;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The VM list: the columns of {@code kubectl get vm} (wide ones behind a toggle), filters, and live
 * updates pushed from the informer cache. Rows are identified by namespace/name so that scrolling
 * and selection survive updates.
 */
@Route(value = "vms", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@PageTitle("Virtual machines · vm-console")
@PermitAll
public class VmListView extends VerticalLayout {
  private final VirtualMachineService vms;
  private final NamespaceSelection namespace;
  private final Grid<VmSummary> grid = new Grid<>();
  private final Span emptyText = new Span();
  private final Select<String> phase = new Select<>();
  private final TextField search = new TextField();
  private final CallbackDataProvider<VmSummary, Void> data;
  private final List<Grid.Column<VmSummary>> wideColumns = new ArrayList<>();
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean updatePending = new AtomicBoolean();

  /**
   * Every row of the list as of its last count, fetched or not, and the sort of the last fetch: a
   * change to a known row that keeps its place is re-sent alone, also when it is scrolled out of
   * sight.
   */
  private Map<String, VmSummary> known = Map.of();

  private VmSort shownSort = VmSort.NAME;
  private final List<Runnable> subscriptions = new ArrayList<>();

  public VmListView(
      VirtualMachineService vms,
      NamespaceSelection namespace,
      OperationService operations,
      Access access) {
    this.vms = vms;
    this.namespace = namespace;
    setSizeFull();
    data = new CallbackDataProvider<>(this::fetch, q -> count(), VmSummary::key);
    Button create = new Button("Create VM", e -> UI.getCurrent().navigate("vms/new"));
    create.setId("create-vm");
    HorizontalLayout actions = new HorizontalLayout();
    if (access.isOperator()) {
      actions.add(create, new BulkActions(operations, grid::getSelectedItems, grid::deselectAll));
    }
    add(new H2("Virtual machines"), actions, toolbar(), grid());
    grid.setEmptyStateComponent(emptyState(access.isOperator()));
  }

  /**
   * What an empty list says instead of a blank grid: why it is empty, and the way to a first VM.
   */
  private Component emptyState(boolean operator) {
    VerticalLayout box = new VerticalLayout(emptyText);
    box.setId("vm-empty");
    box.setAlignItems(FlexComponent.Alignment.CENTER);
    if (operator) {
      Button create = new Button("Create VM", e -> UI.getCurrent().navigate("vms/new"));
      create.setId("vm-empty-create");
      create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      box.add(create);
    }
    return box;
  }

  private HorizontalLayout toolbar() {
    phase.setId("phase-filter");
    phase.setLabel("Phase");
    List<String> phases = new ArrayList<>();
    phases.add("");
    phases.addAll(vms.phases());
    phase.setItems(phases);
    phase.setItemLabelGenerator(p -> p.isEmpty() ? "Any" : p);
    phase.setValue("");
    phase.addValueChangeListener(e -> refreshAll());
    search.setId("vm-search");
    search.setLabel("Search");
    search.setPlaceholder("name or label key=value");
    search.setClearButtonVisible(true);
    search.setValueChangeMode(ValueChangeMode.LAZY);
    search.addValueChangeListener(e -> refreshAll());
    Checkbox wide = new Checkbox("Wide columns");
    wide.setId("wide-toggle");
    wide.addValueChangeListener(e -> wideColumns.forEach(c -> c.setVisible(e.getValue())));
    HorizontalLayout bar = new HorizontalLayout(search, phase, wide);
    bar.setAlignItems(FlexComponent.Alignment.BASELINE);
    return bar;
  }

  private Grid<VmSummary> grid() {
    grid.setId("vm-grid");
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
    grid.addColumn(VmSummary::name)
        .setHeader("NAME")
        .setKey("name")
        .setSortProperty("NAME")
        .setAutoWidth(true)
        .setFlexGrow(2);
    grid.addColumn(VmSummary::namespace)
        .setHeader("NAMESPACE")
        .setKey("namespace")
        .setSortProperty("NAMESPACE");
    grid.addColumn(new ComponentRenderer<>(PhaseBadge::of))
        .setHeader("PHASE")
        .setKey("phase")
        .setSortProperty("PHASE");
    wide(grid.addColumn(VmSummary::cores).setHeader("CORES").setKey("cores"));
    wide(grid.addColumn(VmSummary::coreFraction).setHeader("COREFRACTION").setKey("coreFraction"));
    wide(grid.addColumn(VmSummary::memory).setHeader("MEMORY").setKey("memory"));
    wide(grid.addColumn(VmSummary::needRestart).setHeader("NEED RESTART").setKey("needRestart"));
    wide(grid.addColumn(VmSummary::agent).setHeader("AGENT").setKey("agent"));
    wide(grid.addColumn(VmSummary::migratable).setHeader("MIGRATABLE").setKey("migratable"));
    grid.addColumn(VmSummary::node).setHeader("NODE").setKey("node").setSortProperty("NODE");
    grid.addColumn(VmSummary::ipAddress)
        .setHeader("IPADDRESS")
        .setKey("ipAddress")
        .setSortProperty("IP_ADDRESS");
    grid.addColumn(vm -> Age.since(vm.created(), Instant.now()))
        .setHeader("AGE")
        .setKey("age")
        .setSortProperty("CREATED");
    grid.setItems(data);
    grid.setSelectionMode(Grid.SelectionMode.MULTI);
    grid.addItemClickListener(
        e -> UI.getCurrent().navigate("vms/" + e.getItem().namespace() + "/" + e.getItem().name()));
    grid.setClassNameGenerator(vm -> vm.isValid() ? null : "invalid-row");
    grid.setSizeFull();
    return grid;
  }

  private void wide(Grid.Column<VmSummary> column) {
    column.setVisible(false);
    wideColumns.add(column);
  }

  private Stream<VmSummary> fetch(Query<VmSummary, Void> q) {
    VmSort sort = sort(q.getSortOrders());
    boolean descending = descending(q.getSortOrders());
    shownSort = sort;
    return vms.find(query(), q.getOffset(), q.getLimit(), sort, descending).stream();
  }

  private int count() {
    VmQuery query = query();
    known = vms.rows(query);
    boolean filtered = query.phase() != null || !search.getValue().isBlank();
    emptyText.setText(
        filtered
            ? "No virtual machine matches the search and phase."
            : "No virtual machines "
                + (query.namespace() == null
                    ? "in your namespaces"
                    : "in namespace " + query.namespace())
                + " yet.");
    return known.size();
  }

  private VmQuery query() {
    String p = phase.getValue();
    return new VmQuery(namespace.get(), p == null || p.isEmpty() ? null : p, search.getValue());
  }

  private static VmSort sort(List<QuerySortOrder> orders) {
    return orders.isEmpty() ? VmSort.NAME : VmSort.valueOf(orders.get(0).getSorted());
  }

  private static boolean descending(List<QuerySortOrder> orders) {
    return !orders.isEmpty() && orders.get(0).getDirection() == SortDirection.DESCENDING;
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    subscriptions.add(vms.subscribe(key -> scheduleRefresh(ui, key)));
    subscriptions.add(namespace.onChange(ns -> ui.access(this::refreshAll)));
    // A change between the first read and the subscription would otherwise never show.
    refreshAll();
  }

  @Override
  protected void onDetach(DetachEvent event) {
    subscriptions.forEach(Runnable::run);
    subscriptions.clear();
  }

  /** Many changes in a burst become one update. */
  private void scheduleRefresh(UI ui, String key) {
    changed.add(key);
    if (updatePending.compareAndSet(false, true)) {
      ui.access(this::applyChanges);
    }
  }

  /**
   * Rows that changed in place are re-sent one by one; see {@link RowChange} for when the list is
   * fetched again.
   */
  private void applyChanges() {
    updatePending.set(false);
    List<VmSummary> rows = new ArrayList<>();
    boolean reload = false;
    for (String key : List.copyOf(changed)) {
      changed.remove(key);
      Optional<VmSummary> now = vms.row(key, query());
      switch (RowChange.of(known.get(key), now, shownSort)) {
        case NONE -> {}
        case IN_PLACE -> rows.add(now.get());
        case RELOAD -> reload = true;
      }
    }
    if (reload) {
      refreshAll();
      return;
    }
    for (VmSummary row : rows) {
      known.put(row.key(), row);
      // A row the browser never fetched is not sent: it comes with the fetch that scrolls to it.
      data.refreshItem(row);
    }
  }

  private void refreshAll() {
    data.refreshAll();
  }
}
