package io.vmconsole.vm.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.dom.Element;
import io.vmconsole.operations.MigrationProgress;
import io.vmconsole.operations.OperationService;
import io.vmconsole.shell.ui.Failures;
import io.vmconsole.vm.MigrationReport;
import java.util.Optional;

/**
 * The VM's newest migration: while it runs a progress bar with percent, data rate, source → target
 * and what it is doing (with Cancel for operators); once over, one line saying where it went and
 * how long it took, or why it failed. The page feeds it on every change of the VM or its
 * operations.
 */
final class MigrationPanel extends VerticalLayout {
  private final OperationService operations;
  private final String namespace;
  // A native <progress>: it needs nothing from the frontend bundle, and without a value it shows
  // "working, amount unknown" before the controller reports a first percentage.
  private final Element bar = new Element("progress");
  private final Span percent = new Span();
  private final Span route = new Span();
  private final Span rate = new Span();
  private final Span transferred = new Span();
  private final Span hint = new Span();
  private final Span outcome = new Span();
  private final Button cancel;
  private final HorizontalLayout running;
  private final boolean canOperate;
  private String operation;

  MigrationPanel(OperationService operations, String namespace, boolean canOperate) {
    this.operations = operations;
    this.namespace = namespace;
    this.canOperate = canOperate;
    setId("vm-migration");
    setPadding(false);
    setSpacing(false);
    bar.setAttribute("id", "migration-progress");
    bar.setAttribute("max", "100");
    bar.getStyle().set("width", "16em");
    Div barHolder = new Div();
    barHolder.getElement().appendChild(bar);
    percent.setId("migration-percent");
    route.setId("migration-route");
    rate.setId("migration-rate");
    transferred.setId("migration-transferred");
    hint.setId("migration-hint");
    outcome.setId("migration-outcome");
    cancel =
        new Button(
            "Cancel migration",
            e ->
                Failures.shown(
                    () -> {
                      operations.cancel(namespace, operation);
                      Notification.show(
                              "Migration cancelled ("
                                  + operation
                                  + " deleted); the VM stays where it is")
                          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    }));
    cancel.setId("migration-cancel");
    cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
    cancel.setVisible(canOperate);
    running =
        new HorizontalLayout(
            new Span("Migrating"), route, barHolder, percent, rate, transferred, hint, cancel);
    running.setAlignItems(Alignment.CENTER);
    add(running, outcome);
    setVisible(false);
  }

  void show(Optional<MigrationReport> report) {
    setVisible(report.isPresent());
    if (report.isEmpty()) {
      return;
    }
    running.setVisible(report.get().active());
    outcome.setVisible(!report.get().active());
    if (!report.get().active()) {
      outcome.setText(report.get().outcome());
      outcome
          .getElement()
          .setAttribute("data-result", report.get().succeeded() ? "succeeded" : "failed");
      return;
    }
    MigrationProgress m = report.get().running();
    operation = m.operation();
    cancel.setVisible(canOperate && !m.cancelling());
    if (m.percent() < 0) {
      bar.removeAttribute("value");
      percent.setText("");
    } else {
      bar.setAttribute("value", String.valueOf(m.percent()));
      percent.setText(m.percent() + "%");
    }
    route.setText(m.route());
    rate.setText(m.rate());
    transferred.setText(m.transferred());
    hint.setText(m.hint());
    hint.getElement().setAttribute("data-reason", m.reason());
  }
}
