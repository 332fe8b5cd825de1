package io.vmconsole.vm.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.vmconsole.api.change.ClassifiedChange;
import java.util.List;
import java.util.Set;

/**
 * Beside the edit form, before saving: each changed field, current → desired, and whether it
 * applies now or waits for a restart — from the same table the controller uses, so the panel cannot
 * promise what the controller then does differently.
 */
final class ChangePanel extends VerticalLayout {
  private static final Set<String> LIVE = Set.of("Running", "Starting", "Migrating", "Stopping");
  private final Grid<ClassifiedChange> grid = new Grid<>();
  private final Paragraph note = new Paragraph();
  private boolean running;

  ChangePanel() {
    setId("change-panel");
    setWidth("28em");
    setPadding(false);
    grid.setId("change-grid");
    // Paths and values are shown whole, wrapped (a JSON value has no spaces to wrap at), never cut.
    grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
    grid.addComponentColumn(c -> whole(c.path())).setHeader("Field").setFlexGrow(1);
    grid.addComponentColumn(c -> whole(text(c.current()) + " → " + text(c.desired())))
        .setHeader("Current → desired")
        .setFlexGrow(2);
    grid.addColumn(this::applies).setHeader("Applies").setAutoWidth(true).setFlexGrow(0);
    grid.setAllRowsVisible(true);
    note.setId("change-note");
    add(new H3("Your changes"), note, grid);
  }

  void phase(String phase) {
    running = LIVE.contains(phase);
    note.setText(
        running
            ? "The VM is "
                + phase
                + ": fields marked \"needs restart\" wait for a restart after saving."
            : "The VM is "
                + (phase.isEmpty() ? "not running" : phase)
                + ": every change applies when it next starts.");
  }

  void show(List<ClassifiedChange> changes) {
    grid.setItems(changes);
  }

  private String applies(ClassifiedChange c) {
    if (!running) {
      return "at next start";
    }
    return c.needsRestart() ? "needs restart" : "applies now";
  }

  private static Span whole(String text) {
    Span span = new Span(text);
    span.getStyle().set("white-space", "normal").set("overflow-wrap", "anywhere");
    return span;
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode v) {
    return v == null ? "—" : v.isTextual() ? v.asText() : v.toString();
  }
}
