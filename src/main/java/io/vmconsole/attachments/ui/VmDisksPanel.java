package io.vmconsole.attachments.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.vmconsole.attachments.DiskAttachmentService;
import io.vmconsole.attachments.DiskRow;
import io.vmconsole.shell.ui.Failures;

/**
 * The VM page's disks: every block device with its guest name and whether it is attached;
 * hot-plugged ones with their attachment's phase (and why it waits). Operators get "Attach disk" (a
 * Ready disk of the namespace no VM uses, a Ready image, or a new blank disk) and "Detach" on
 * hot-plugged rows; the service checks the role again.
 */
public final class VmDisksPanel extends VerticalLayout {
  private final DiskAttachmentService attachments;
  private final String namespace;
  private final String vmName;
  private static final String EXISTING = "Existing disk or image";
  private static final String NEW_BLANK = "New blank disk";
  private final Grid<DiskRow> grid = new Grid<>();

  public VmDisksPanel(
      DiskAttachmentService attachments, String namespace, String vmName, boolean canOperate) {
    this.attachments = attachments;
    this.namespace = namespace;
    this.vmName = vmName;
    setPadding(false);
    setId("vm-disks");
    grid.setId("vm-disks-grid");
    grid.addColumn(DiskRow::kind).setHeader("Kind").setAutoWidth(true);
    grid.addColumn(DiskRow::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(DiskRow::size).setHeader("Size").setAutoWidth(true);
    grid.addColumn(DiskRow::target).setHeader("Target").setAutoWidth(true);
    grid.addColumn(r -> r.attached() ? "Yes" : "No").setHeader("Plugged in").setAutoWidth(true);
    grid.addColumn(r -> r.hotplugged() ? "Hot-plugged" : "Spec")
        .setHeader("How")
        .setAutoWidth(true);
    grid.addColumn(r -> r.hotplugged() ? r.phase() : "")
        .setHeader("Attachment phase")
        .setAutoWidth(true);
    // A long message is cut, not the row's button: its whole text is in the tooltip.
    grid.addColumn(DiskRow::message)
        .setHeader("Message")
        .setFlexGrow(2)
        .setTooltipGenerator(DiskRow::message);
    if (canOperate) {
      // A fixed width kept at the right edge: an auto width is measured on the first rows, which
      // may have
      // no button yet, and a wide Message column then pushed Detach out of sight at 1280 px.
      grid.addComponentColumn(this::detachButton)
          .setHeader("")
          .setWidth("7.5em")
          .setFlexGrow(0)
          .setFrozenToEnd(true);
    }
    grid.setAllRowsVisible(true);
    HorizontalLayout header = new HorizontalLayout(new H4("Disks"));
    header.setAlignItems(Alignment.BASELINE);
    if (canOperate) {
      Button attach = new Button("Attach disk", e -> openAttach());
      attach.setId("vm-disk-attach");
      header.add(attach);
    }
    add(header, grid);
  }

  /** Re-reads the rows (the page calls it on every change of the VM or its attachments). */
  public void refresh() {
    grid.setItems(attachments.disks(namespace, vmName));
  }

  private com.vaadin.flow.component.Component detachButton(DiskRow row) {
    if (!row.hotplugged() || row.attachment() == null || row.phase().equals("Terminating")) {
      return new Span();
    }
    Button detach =
        new Button(
            "Detach",
            e ->
                Failures.shown(
                    () -> {
                      attachments.detach(namespace, row.attachment());
                      Notification.show("Detaching " + row.name())
                          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                      refresh();
                    }));
    detach.setId("vm-disk-detach-" + row.name());
    detach.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
    return detach;
  }

  /** Attach a free disk or an image the VM lacks, or a new blank disk made for it. */
  private void openAttach() {
    Dialog dialog = new Dialog();
    dialog.setId("attach-disk-dialog");
    dialog.setHeaderTitle("Attach to " + vmName);
    dialog.setWidth("36em");
    Select<String> source = new Select<>();
    source.setLabel("Source");
    source.setId("attach-source");
    source.setItems(EXISTING, NEW_BLANK);
    source.setValue(EXISTING);
    source.setWidthFull();
    ComboBox<DiskAttachmentService.Attachable> device = new ComboBox<>("Disk or image");
    device.setId("attach-disk-choice");
    device.setItems(attachments.attachable(namespace, vmName));
    device.setItemLabelGenerator(DiskAttachmentService.Attachable::label);
    device.setHelperText(
        "Ready VirtualDisks of "
            + namespace
            + " that no VM uses (read-write), and Ready images "
            + "(read-only); hot-plugged while the VM runs");
    device.setWidthFull();
    TextField diskName = new TextField("New disk's name");
    diskName.setId("attach-new-name");
    diskName.setValue(vmName + "-data");
    TextField size = new TextField("Size");
    size.setId("attach-new-size");
    size.setValue("1Gi");
    size.setHelperText("A quantity such as 512Mi or 10Gi");
    HorizontalLayout blank = new HorizontalLayout(diskName, size);
    blank.setVisible(false);
    source.addValueChangeListener(
        e -> {
          device.setVisible(EXISTING.equals(e.getValue()));
          blank.setVisible(NEW_BLANK.equals(e.getValue()));
        });
    Button go =
        new Button(
            "Attach",
            e ->
                Failures.shown(
                    () -> {
                      String name =
                          EXISTING.equals(source.getValue())
                              ? attachments.attach(namespace, vmName, device.getValue())
                              : attachments.attachNewBlankDisk(
                                  namespace, vmName, diskName.getValue(), size.getValue());
                      Notification.show("Attachment " + name + " created")
                          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                      dialog.close();
                      refresh();
                    }));
    go.setId("attach-disk-confirm");
    go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    dialog.add(new VerticalLayout(source, device, blank));
    dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), go);
    dialog.open();
  }
}
