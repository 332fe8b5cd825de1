package io.vmconsole.nodes.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vmconsole.nodes.DrainStep;
import io.vmconsole.nodes.NodeRow;
import io.vmconsole.nodes.NodeService;
import io.vmconsole.security.Role;
import io.vmconsole.shell.ui.Failures;
import io.vmconsole.shell.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The nodes for admins: agent state, accelerator, load and VMs per node; cordon, uncordon and
 * drain, with the drain's plan before it starts and each VM's progress while it runs.
 */
@Route(value = "nodes", layout = MainLayout.class)
@PageTitle("Nodes · vm-console")
@RolesAllowed(Role.ADMIN_NAME)
public class NodesView extends VerticalLayout {
  /** One timer for every open Nodes page; each tick hands the refresh to its own UI (pushed). */
  private static final ScheduledExecutorService TICKS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "nodes-page-refresh");
            t.setDaemon(true);
            return t;
          });

  private final NodeService service;
  private final Grid<NodeRow> grid = new Grid<>();
  private final VerticalLayout actionRows = new VerticalLayout();
  private final VerticalLayout drains = new VerticalLayout();

  /**
   * What the page shows now: it is rebuilt only when this changes, so a click never meets a stale
   * button.
   */
  private List<Object> shown = List.of();

  private ScheduledFuture<?> ticking;

  public NodesView(NodeService service) {
    this.service = service;
    setSizeFull();
    grid.setId("nodes-grid");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    grid.setAllRowsVisible(true);
    grid.addColumn(NodeRow::name).setHeader("Node").setAutoWidth(true);
    grid.addColumn(n -> n.ready() ? "Ready" : "NotReady").setHeader("Agent").setAutoWidth(true);
    grid.addColumn(n -> n.accelerator().toUpperCase(Locale.ROOT))
        .setHeader("Accelerator")
        .setAutoWidth(true);
    grid.addColumn(NodesView::scheduling).setHeader("Scheduling").setAutoWidth(true);
    grid.addColumn(
            n -> cores(n.cpuAllocatedMillis()) + " / " + cores(n.cpuCapacityMillis()) + " cores")
        .setHeader("CPU")
        .setAutoWidth(true);
    grid.addColumn(n -> size(n.memoryAllocatedBytes()) + " / " + size(n.memoryCapacityBytes()))
        .setHeader("Memory")
        .setAutoWidth(true);
    grid.addColumn(
            n -> n.vms().size() + (n.vms().isEmpty() ? "" : ": " + String.join(", ", n.vms())))
        .setHeader("VMs")
        .setFlexGrow(2);
    actionRows.setPadding(false);
    actionRows.setSpacing(false);
    actionRows.setId("node-actions");
    drains.setPadding(false);
    drains.setId("drains");
    add(new H2("Nodes"), grid, actionRows, drains);
  }

  private static String scheduling(NodeRow n) {
    if (n.drain() != null) {
      return switch (n.drain()) {
        case "Draining" -> "Draining";
        case "Cancelled" -> "Cordoned (drain cancelled)";
        case "Drained" -> "Drained";
        default -> n.drain();
      };
    }
    return n.cordoned() ? "Cordoned" : "Schedulable";
  }

  private HorizontalLayout actions(NodeRow node) {
    HorizontalLayout actions = new HorizontalLayout();
    actions.setAlignItems(Alignment.BASELINE);
    Span name = new Span(node.name());
    name.setMinWidth("6em");
    actions.add(name);
    if (node.cordoned()) {
      actions.add(
          button("Uncordon", "uncordon-" + node.name(), () -> service.uncordon(node.name())));
    } else {
      actions.add(button("Cordon", "cordon-" + node.name(), () -> service.cordon(node.name())));
    }
    if ("Draining".equals(node.drain())) {
      Button cancel =
          button(
              "Cancel drain",
              "cancel-drain-" + node.name(),
              () -> service.cancelDrain(node.name()));
      cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
      actions.add(cancel);
    } else {
      Button drain =
          new Button("Drain", e -> new DrainDialog(service, node.name(), this::refresh).open());
      drain.setId("drain-" + node.name());
      actions.add(drain);
    }
    return actions;
  }

  private Button button(String label, String id, Runnable action) {
    Button b =
        new Button(
            label,
            e -> {
              Failures.shown(action);
              refresh();
            });
    b.setId(id);
    b.addThemeVariants(ButtonVariant.LUMO_SMALL);
    return b;
  }

  private void refresh() {
    List<NodeRow> nodes = service.nodes();
    java.util.Map<String, List<DrainStep>> progress = new java.util.LinkedHashMap<>();
    nodes.stream()
        .filter(n -> n.drain() != null)
        .forEach(n -> progress.put(n.name(), service.drainProgress(n.name())));
    List<Object> now = List.of(nodes, progress);
    if (now.equals(shown)) {
      return;
    }
    shown = now;
    grid.setItems(nodes);
    actionRows.removeAll();
    nodes.forEach(n -> actionRows.add(actions(n)));
    drains.removeAll();
    for (NodeRow node : nodes) {
      if (node.drain() == null) {
        continue;
      }
      Div panel = new Div();
      panel.setId("drain-progress-" + node.name());
      panel.add(new H3("Drain of " + node.name() + ": " + scheduling(node)));
      for (DrainStep step : progress.get(node.name())) {
        Div row =
            new Div(
                new Span(
                    step.namespace()
                        + "/"
                        + step.vm()
                        + " — "
                        + (step.blocked() ? "blocked: " + step.blocker() : step.progress())));
        row.addClassName(step.blocked() ? "drain-blocked" : "drain-vm");
        panel.add(row);
      }
      drains.add(panel);
    }
  }

  static String cores(long millis) {
    return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
  }

  static String size(long bytes) {
    double gib = bytes / (1024.0 * 1024 * 1024);
    return gib >= 1
        ? String.format(Locale.ROOT, "%.1f GiB", gib)
        : (bytes / (1024 * 1024)) + " MiB";
  }

  @Override
  protected void onAttach(AttachEvent event) {
    shown = List.of();
    refresh();
    UI ui = event.getUI();
    // Pushed rather than polled: migrations move on without any change the page would hear of.
    ticking = TICKS.scheduleWithFixedDelay(() -> ui.access(this::refresh), 2, 2, TimeUnit.SECONDS);
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (ticking != null) {
      ticking.cancel(false);
    }
  }
}
