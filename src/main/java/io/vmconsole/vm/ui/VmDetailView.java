package io.vmconsole.vm.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
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
import io.vmconsole.attachments.DiskAttachmentService;
import io.vmconsole.ipam.IpNavigation;
import io.vmconsole.operations.OperationService;
import io.vmconsole.provisioning.ProvisioningSecretService;
import io.vmconsole.security.Access;
import io.vmconsole.shell.ConsoleNavigation;
import io.vmconsole.shell.DiskNavigation;
import io.vmconsole.shell.ui.LivePanel;
import io.vmconsole.shell.ui.MainLayout;
import io.vmconsole.vm.MigrationReport;
import io.vmconsole.vm.VirtualMachineService;
import io.vmconsole.vm.VmDetails;
import io.vmconsole.vm.VmEditService;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;

/**
 * One VM: actions, the pending-restart banner, overview, its YAML (read-only), kept live; its
 * consoles and SSH command. Live updates refresh the overview only, so an open console is never
 * torn down by a status change.
 */
@Route(value = "vms/:namespace/:name", layout = MainLayout.class)
@PermitAll
public class VmDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
  private final VirtualMachineService vms;
  private final VmEditService edits;
  private final OperationService operations;
  private final ConsoleNavigation consoles;
  private final IpNavigation ips;
  private final Access access;
  private final DiskAttachmentService attachments;
  private String namespace;
  private String name;
  private final List<Runnable> subscriptions = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicBoolean refreshPending =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final H2 title = new H2();
  private final Div body = new Div();
  private final HorizontalLayout header = new HorizontalLayout();
  private final VmOverview overview = new VmOverview();
  private final Pre yaml = new Pre();
  private PendingRestartBanner banner;
  private VmActions actions;
  private MigrationPanel migration;
  private TabSheet tabs;
  private final DiskNavigation diskPanels;
  private final ProvisioningSecretService secrets;
  private LivePanel disks;

  public VmDetailView(
      VirtualMachineService vms,
      VmEditService edits,
      OperationService operations,
      ConsoleNavigation consoles,
      IpNavigation ips,
      Access access,
      DiskAttachmentService attachments,
      DiskNavigation diskPanels,
      ProvisioningSecretService secrets) {
    this.vms = vms;
    this.edits = edits;
    this.operations = operations;
    this.consoles = consoles;
    this.ips = ips;
    this.access = access;
    this.attachments = attachments;
    this.diskPanels = diskPanels;
    this.secrets = secrets;
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
    vms.get(namespace, name)
        .ifPresentOrElse(
            d -> {
              if (tabs == null) {
                build(d);
              } else {
                fill(d);
              }
            },
            this::render);
  }

  private void notFound() {
    body.add(
        new Span(
            "VirtualMachine "
                + namespace
                + "/"
                + name
                + " does not exist (or was deleted), or your role does not cover namespace "
                + namespace
                + "."));
  }

  private void build(VmDetails details) {
    body.removeAll();
    yaml.setId("vm-yaml");
    boolean canOperate = access.canOperate(namespace);
    banner = new PendingRestartBanner(operations, edits, namespace, name, canOperate);
    actions = canOperate ? new VmActions(operations, edits, namespace, name) : null;
    migration = new MigrationPanel(operations, namespace, canOperate);
    tabs = new TabSheet();
    tabs.setWidthFull();
    tabs.add("Overview", overview);
    disks = diskPanels.vmDisks(namespace, name, canOperate);
    tabs.add("Disks", disks.view()).setId("tab-disks");
    tabs.add("YAML", yaml);
    tabs.add("Console (VNC)", consoles.vncTab(namespace, name)).setId("tab-vnc");
    tabs.add("Serial console", serialTab(details, canOperate)).setId("tab-serial");
    body.add(header);
    if (actions != null) {
      body.add(actions);
    }
    body.add(migration, banner, tabs);
    fill(details);
  }

  /** The serial console, under whom to log in as when the VM's cloud-init says. */
  private Component serialTab(VmDetails details, boolean canOperate) {
    Component console = consoles.serialTab(namespace, name);
    return GuestLoginHint.of(secrets, namespace, details.provisioning(), canOperate)
        .<Component>map(hint -> new Div(hint, console))
        .orElse(console);
  }

  private void fill(VmDetails details) {
    header.removeAll();
    header.add(PhaseBadge.of(details.summary()), consoles.sshAction(namespace, name));
    banner.show(details);
    migration.show(
        MigrationReport.of(details.lastMigration(), operations.migration(namespace, name)));
    if (actions != null) {
      actions.update(details);
    }
    overview.show(
        details,
        operations.list(namespace, name),
        ips.vmIp(namespace, name, details.summary().uid()));
    disks.refresh().run();
    yaml.setText(details.yaml());
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    subscriptions.add(
        vms.subscribe(
            key -> {
              if (key.equals(namespace + "/" + name)) {
                scheduleRefresh(ui);
              }
            }));
    // The operations table follows each operation's phase, though the VM itself may not change.
    subscriptions.add(
        operations.subscribe(
            key -> {
              if (key.startsWith(namespace + "/")) {
                scheduleRefresh(ui);
              }
            }));
    // A hot-plug's phase changes the attachment before (or without) the VM.
    subscriptions.add(
        attachments.subscribe(
            key -> {
              if (key.equals(namespace + "/" + name)) {
                scheduleRefresh(ui);
              }
            }));
    // What changed between the read in beforeEnter and these subscriptions would otherwise never
    // show.
    refresh();
  }

  /**
   * A burst of changes becomes one refresh, so a busy VM never floods the page (or a dialog on it).
   */
  private void scheduleRefresh(UI ui) {
    if (refreshPending.compareAndSet(false, true)) {
      ui.access(
          () -> {
            refreshPending.set(false);
            refresh();
          });
    }
  }

  @Override
  protected void onDetach(DetachEvent event) {
    subscriptions.forEach(Runnable::run);
    subscriptions.clear();
  }
}
