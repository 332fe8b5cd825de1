package io.vmconsole.ipam.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vmconsole.base.Age;
import io.vmconsole.ipam.IpAddressService;
import io.vmconsole.ipam.IpViews.IpRow;
import io.vmconsole.ipam.IpViews.LeaseRow;
import io.vmconsole.security.Access;
import io.vmconsole.shell.NamespaceSelection;
import io.vmconsole.shell.ui.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;

/**
 * The namespace's vmips as {@code kubectl get vmip} shows them, reserving and releasing addresses;
 * for admins also the leases ({@code kubectl get vmipl}) and the pool map. Refreshed every two
 * seconds by server push: the tables are small and the caches make a refresh cheap.
 */
@Route(value = "ip-addresses", layout = MainLayout.class)
@PageTitle("IP addresses · vm-console")
@PermitAll
public class IpAddressesView extends VerticalLayout {
  private final IpAddressService service;
  private final NamespaceSelection namespace;
  private final Access access;
  private final Grid<IpRow> vmips = new Grid<>();
  private final Grid<LeaseRow> leases = new Grid<>();
  private final PoolMapPanel pools = new PoolMapPanel();
  private final Paragraph hint =
      new Paragraph("Pick a namespace to see and reserve its IP addresses.");
  private final ReserveForm form;

  /**
   * One timer for every open IP page; each page's tick hands the refresh to its own UI (pushed).
   */
  private static final java.util.concurrent.ScheduledExecutorService TICKS =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ip-page-refresh");
            t.setDaemon(true);
            return t;
          });

  private Runnable unsubscribe = () -> {};
  private java.util.concurrent.ScheduledFuture<?> ticking;

  public IpAddressesView(IpAddressService service, NamespaceSelection namespace, Access access) {
    this.service = service;
    this.namespace = namespace;
    this.access = access;
    add(new H2("IP addresses"));
    form = new ReserveForm(service, namespace::get, this::refresh);
    vmips.setId("vmip-grid");
    vmips.addThemeVariants(GridVariant.LUMO_COMPACT);
    vmips.setAllRowsVisible(true);
    vmips.addColumn(IpRow::name).setHeader("NAME").setKey("name");
    vmips.addColumn(IpRow::address).setHeader("ADDRESS").setKey("address");
    vmips
        .addColumn(
            r -> r.pendingReason() == null ? r.status() : r.status() + ": " + r.pendingReason())
        .setHeader("STATUS")
        .setKey("status");
    vmips.addColumn(IpRow::vm).setHeader("VM").setKey("vm");
    vmips.addColumn(r -> Age.since(r.created(), Instant.now())).setHeader("AGE").setKey("age");
    vmips.addComponentColumn(this::releaseButton).setHeader("").setKey("release");
    add(hint, form, vmips);
    if (access.isAdmin()) {
      leases.setId("lease-grid");
      leases.addThemeVariants(GridVariant.LUMO_COMPACT);
      leases.setAllRowsVisible(true);
      leases.addColumn(LeaseRow::name).setHeader("NAME");
      leases.addColumn(LeaseRow::virtualMachineIPAddress).setHeader("VIRTUALMACHINEIPADDRESS");
      leases.addColumn(LeaseRow::status).setHeader("STATUS");
      leases.addColumn(r -> Age.since(r.created(), Instant.now())).setHeader("AGE");
      add(new H3("Pool"), pools, new H3("Leases"), leases);
    }
  }

  private Button releaseButton(IpRow row) {
    Button release =
        new Button(
            "Release",
            e -> {
              service.release(row.namespace(), row.name());
              refresh();
            });
    release.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
    release.setId("release-" + row.name());
    release.setVisible(access.canOperate(row.namespace()));
    return release;
  }

  private void refresh() {
    String ns = namespace.get();
    hint.setVisible(ns == null);
    form.setVisible(ns != null && access.canOperate(ns));
    vmips.setItems(service.addresses(ns));
    if (access.isAdmin()) {
      leases.setItems(service.leases());
      pools.show(service.pools());
    }
  }

  @Override
  protected void onAttach(AttachEvent event) {
    refresh();
    unsubscribe = namespace.onChange(ns -> event.getUI().access(this::refresh));
    com.vaadin.flow.component.UI ui = event.getUI();
    // Pushed rather than polled: a poll interval is per UI, and views navigated away from reset it.
    ticking =
        TICKS.scheduleWithFixedDelay(
            () -> ui.access(this::refresh), 2, 2, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Override
  protected void onDetach(DetachEvent event) {
    unsubscribe.run();
    if (ticking != null) {
      ticking.cancel(false);
    }
  }
}
