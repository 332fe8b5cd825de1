package io.vmconsole.vm.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.vmconsole.base.Age;
import io.vmconsole.base.ui.MainLayout;
import io.vmconsole.console.ConsoleNavigation;
import io.vmconsole.ipam.IpNavigation;
import io.vmconsole.vm.VirtualMachineService;
import io.vmconsole.vm.VmDetails;
import io.vmconsole.vm.VmSummary;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;

/**
 * One VM: summary, conditions and its YAML (read-only), kept live; its consoles and SSH command. Live
 * updates refresh the overview only, so an open console is never torn down by a status change.
 */
@Route(value = "vms/:namespace/:name", layout = MainLayout.class)
@PermitAll
public class VmDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
  private final VirtualMachineService vms;
  private final ConsoleNavigation consoles;
  private final IpNavigation ips;
  private String namespace;
  private String name;
  private Runnable subscription;
  private final H2 title = new H2();
  private final Div body = new Div();
  private final HorizontalLayout header = new HorizontalLayout();
  private final VerticalLayout overview = new VerticalLayout();
  private final Pre yaml = new Pre();
  private TabSheet tabs;

  public VmDetailView(VirtualMachineService vms, ConsoleNavigation consoles, IpNavigation ips) {
    this.vms = vms;
    this.consoles = consoles;
    this.ips = ips;
    setSizeFull();
    body.setWidthFull();
    add(new Anchor("vms", "← Virtual machines"), title, body);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    namespace = event.getRouteParameters().get("namespace").orElse("");
    name = event.getRouteParameters().get("name").orElse("");
    render();
  }

  @Override
  public String getPageTitle() {
    return name + " · vm-console";
  }

  private void render() {
    title.setText(name);
    body.removeAll();
    tabs = null;
    vms.get(namespace, name).ifPresentOrElse(this::build, this::notFound);
  }

  private void refresh() {
    vms.get(namespace, name).ifPresentOrElse(d -> {
      if (tabs == null) {
        build(d);
      } else {
        fill(d);
      }
    }, this::render);
  }

  private void notFound() {
    body.add(new Span("VirtualMachine " + namespace + "/" + name
        + " does not exist (or was deleted), or your role does not cover namespace " + namespace + "."));
  }

  private void build(VmDetails details) {
    body.removeAll();
    yaml.setId("vm-yaml");
    tabs = new TabSheet();
    tabs.setWidthFull();
    tabs.add("Overview", overview);
    tabs.add("YAML", yaml);
    tabs.add("Console (VNC)", consoles.vncTab(namespace, name)).setId("tab-vnc");
    tabs.add("Serial console", consoles.serialTab(namespace, name)).setId("tab-serial");
    body.add(header, tabs);
    fill(details);
  }

  private void fill(VmDetails details) {
    VmSummary vm = details.summary();
    header.removeAll();
    header.add(PhaseBadge.of(vm), consoles.sshAction(namespace, name));
    overview.removeAll();
    if (!vm.isValid()) {
      Div problems = new Div();
      problems.setId("vm-problems");
      problems.addClassName("vm-problems");
      problems.add(new Span("This object is invalid: "));
      vm.problems().forEach(p -> problems.add(new Div(p)));
      overview.add(problems);
    }
    FormLayout summary = new FormLayout();
    summary.setId("vm-summary");
    summary.addFormItem(new Span(vm.namespace()), "Namespace");
    summary.addFormItem(new Span(vm.phase()), "Phase");
    summary.addFormItem(new Span(vm.node()), "Node");
    summary.addFormItem(new Span(vm.ipAddress()), "IP address");
    summary.addFormItem(new Span(vm.cores()), "Cores");
    summary.addFormItem(new Span(vm.coreFraction()), "Core fraction");
    summary.addFormItem(new Span(vm.memory()), "Memory");
    summary.addFormItem(new Span(Age.since(vm.created(), Instant.now())), "Age");
    Grid<VmDetails.Condition> conditions = new Grid<>();
    conditions.setId("vm-conditions");
    conditions.addColumn(VmDetails.Condition::type).setHeader("Type").setAutoWidth(true);
    conditions.addColumn(VmDetails.Condition::status).setHeader("Status").setAutoWidth(true);
    conditions.addColumn(VmDetails.Condition::reason).setHeader("Reason").setAutoWidth(true);
    conditions.addColumn(VmDetails.Condition::message).setHeader("Message").setFlexGrow(3);
    conditions.setItems(details.conditions());
    conditions.setAllRowsVisible(true);
    overview.add(summary, ips.vmIp(namespace, name, vm.uid()), conditions);
    yaml.setText(details.yaml());
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    subscription = vms.subscribe(key -> {
      if (key.equals(namespace + "/" + name)) {
        ui.access(this::refresh);
      }
    });
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (subscription != null) {
      subscription.run();
    }
  }
}
