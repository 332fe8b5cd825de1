package io.vmconsole.vm.ui;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.vmconsole.base.Age;
import io.vmconsole.operations.OperationRow;
import io.vmconsole.vm.CpuShare;
import io.vmconsole.vm.VmDetails;
import io.vmconsole.vm.VmSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The VM page's overview: where it runs, its phase history and launch durations, the guest's own
 * report, its conditions with their reasons (why it is Pending), recent Events and its operations.
 */
final class VmOverview extends VerticalLayout {
  private final Grid<VmDetails.Condition> conditions = new Grid<>();
  private final Grid<VmDetails.Transition> transitions = new Grid<>();
  private final Grid<VmDetails.Event> events = new Grid<>();
  private final Grid<OperationRow> operations = new Grid<>();
  private final FormLayout summary = new FormLayout();
  private final Div problems = new Div();
  private final Div launch = new Div();
  private final Div guest = new Div();
  private final Div ip = new Div();

  VmOverview() {
    setPadding(false);
    summary.setId("vm-summary");
    problems.setId("vm-problems");
    problems.addClassName("vm-problems");
    conditions.setId("vm-conditions");
    conditions.addColumn(VmDetails.Condition::type).setHeader("Type").setAutoWidth(true);
    conditions.addColumn(VmDetails.Condition::status).setHeader("Status").setAutoWidth(true);
    conditions.addColumn(VmDetails.Condition::reason).setHeader("Reason").setAutoWidth(true);
    conditions.addColumn(VmDetails.Condition::message).setHeader("Message").setFlexGrow(3);
    conditions.setAllRowsVisible(true);
    transitions.setId("vm-phase-history");
    transitions.addColumn(VmDetails.Transition::phase).setHeader("Phase").setAutoWidth(true);
    transitions.addColumn(VmDetails.Transition::timestamp).setHeader("Since").setFlexGrow(2);
    transitions.setAllRowsVisible(true);
    launch.setId("vm-launch-durations");
    guest.setId("vm-guest-os");
    events.setId("vm-events");
    events.addColumn(VmDetails.Event::type).setHeader("Type").setAutoWidth(true);
    events.addColumn(VmDetails.Event::reason).setHeader("Reason").setAutoWidth(true);
    events.addColumn(VmDetails.Event::message).setHeader("Message").setFlexGrow(3);
    events.addColumn(VmDetails.Event::time).setHeader("Time").setAutoWidth(true);
    events.setAllRowsVisible(true);
    operations.setId("vm-operations");
    operations.addColumn(OperationRow::name).setHeader("Operation").setAutoWidth(true);
    operations
        .addColumn(r -> r.type() + (r.force() ? " (force)" : ""))
        .setHeader("Type")
        .setAutoWidth(true);
    operations.addColumn(OperationRow::phase).setHeader("Phase").setAutoWidth(true);
    operations.addColumn(OperationRow::progress).setHeader("Progress").setAutoWidth(true);
    operations
        .addColumn(r -> Age.since(r.created(), Instant.now()))
        .setHeader("Age")
        .setAutoWidth(true);
    operations.addColumn(OperationRow::result).setHeader("Result").setFlexGrow(2);
    operations.setAllRowsVisible(true);
    add(
        problems,
        summary,
        ip,
        new H4("Conditions"),
        conditions,
        new H4("Phase history"),
        launch,
        transitions,
        new H4("Guest"),
        guest,
        new H4("Operations"),
        operations,
        new H4("Recent events"),
        events);
  }

  void show(VmDetails details, List<OperationRow> ops, com.vaadin.flow.component.Component ipRow) {
    ip.removeAll();
    ip.add(ipRow);
    VmSummary vm = details.summary();
    problems.removeAll();
    problems.setVisible(!vm.isValid());
    if (!vm.isValid()) {
      problems.add(new Span("This object is invalid: "));
      vm.problems().forEach(p -> problems.add(new Div(p)));
    }
    summary.removeAll();
    summary.addFormItem(new Span(vm.namespace()), "Namespace");
    summary.addFormItem(new Span(vm.phase()), "Phase");
    Span node = new Span(vm.node());
    node.setId("vm-node");
    summary.addFormItem(node, "Node");
    summary.addFormItem(new Span(vm.ipAddress()), "IP address");
    summary.addFormItem(specValue("vm-cores-value", vm.cores(), details, "cpu.cores"), "Cores");
    summary.addFormItem(
        specValue("vm-fraction-value", vm.coreFraction(), details, "cpu.coreFraction"),
        "Core fraction");
    Span cpu = new Span(CpuShare.describe(vm.cores(), vm.coreFraction()).orElse(""));
    cpu.setId("vm-cpu-share");
    summary.addFormItem(cpu, "CPU");
    summary.addFormItem(
        specValue("vm-memory-value", vm.memory(), details, "memory.size"), "Memory");
    summary.addFormItem(new Span(details.runPolicy()), "Run policy");
    summary.addFormItem(new Span(details.restartApprovalMode()), "Restart approval");
    summary.addFormItem(
        new Span(vm.needRestart().isEmpty() ? "False" : vm.needRestart()), "Need restart");
    summary.addFormItem(new Span(Age.since(vm.created(), Instant.now())), "Age");
    conditions.setItems(details.conditions());
    transitions.setItems(details.transitions());
    launch.setText(
        details.launch().isEmpty()
            ? "No launch measured yet."
            : "Launch: " + words(details.launch()));
    guest.setText(
        details.guestOs().isEmpty()
            ? "No guest agent report (the guest agent is not running or not installed)."
            : words(details.guestOs()));
    operations.setItems(ops);
    events.setItems(details.events());
  }

  /**
   * A value of the spec; while a change to it waits for a restart, what runs and what comes: "1 → 2
   * after restart" (the spec alone would claim the VM has it already).
   */
  private static Span specValue(String id, String value, VmDetails details, String path) {
    Span shown =
        new Span(
            details.pending().stream()
                .filter(p -> p.path().equals(path))
                .findFirst()
                .map(p -> plain(p.current()) + " → " + plain(p.desired()) + " after restart")
                .orElse(value));
    shown.setId(id);
    return shown;
  }

  /** A JSON value as a person reads it: a string without its quotes. */
  private static String plain(String json) {
    return json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"")
        ? json.substring(1, json.length() - 1)
        : json;
  }

  private static String words(Map<String, String> values) {
    StringBuilder s = new StringBuilder();
    values.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(" ").append(v));
    return s.toString();
  }
}
