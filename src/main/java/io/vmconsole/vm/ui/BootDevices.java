package io.vmconsole.vm.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.dnd.GridDropLocation;
import com.vaadin.flow.component.grid.dnd.GridDropMode;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.vmconsole.vm.NewDisk;
import java.util.ArrayList;
import java.util.List;

/**
 * The boot devices in order: drag a row (or use ↑) to change the boot order. A device is an
 * existing disk, an image or ISO (attached read-only, an ISO as CD-ROM), or a new disk made from an
 * image.
 */
final class BootDevices extends VerticalLayout {
  static final String NEW_DISK = "New disk from image";
  private static final List<String> KINDS =
      List.of(NEW_DISK, "VirtualDisk", "ClusterVirtualImage", "VirtualImage");

  /** One row; image and size only for a new disk. */
  record Device(String kind, String name, String imageKind, String imageName, String size) {
    boolean isNew() {
      return imageName != null;
    }

    String refKind() {
      return isNew() ? "VirtualDisk" : kind;
    }

    String label() {
      return isNew()
          ? "VirtualDisk (new, from "
              + imageKind
              + " "
              + imageName
              + (size == null || size.isBlank() ? "" : ", " + size)
              + ")"
          : kind;
    }
  }

  private final List<Device> devices = new ArrayList<>();
  private final Grid<Device> grid = new Grid<>();
  private final Select<String> kind = new Select<>();
  private final TextField name = new TextField("Name");
  private final TextField image = new TextField("Image (ClusterVirtualImage)");
  private final TextField size = new TextField("Size");
  private Device dragged;
  private Runnable onChange = () -> {};

  BootDevices() {
    setPadding(false);
    grid.setId("vm-devices");
    grid.addColumn(d -> devices.indexOf(d) + 1).setHeader("Boot").setWidth("5em").setFlexGrow(0);
    grid.addColumn(Device::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(Device::label).setHeader("Kind").setFlexGrow(2);
    grid.addComponentColumn(
            d -> {
              Button up = new Button("↑", e -> move(d, devices.indexOf(d) - 1));
              up.setAriaLabel("Boot earlier");
              up.addClassName("device-up");
              up.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
              up.setEnabled(devices.indexOf(d) > 0);
              Button remove =
                  new Button(
                      "Remove",
                      e -> {
                        devices.remove(d);
                        changed();
                      });
              remove.addClassName("device-remove");
              remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
              return new HorizontalLayout(up, remove);
            })
        .setAutoWidth(true);
    grid.setAllRowsVisible(true);
    grid.setRowsDraggable(true);
    grid.setDropMode(GridDropMode.BETWEEN);
    grid.addDragStartListener(
        e -> dragged = e.getDraggedItems().isEmpty() ? null : e.getDraggedItems().get(0));
    grid.addDragEndListener(e -> dragged = null);
    grid.addDropListener(
        e -> {
          if (dragged == null
              || e.getDropTargetItem().isEmpty()
              || e.getDropTargetItem().get() == dragged) {
            return;
          }
          Device target = e.getDropTargetItem().get();
          devices.remove(dragged);
          int at =
              devices.indexOf(target) + (e.getDropLocation() == GridDropLocation.BELOW ? 1 : 0);
          devices.add(at, dragged);
          changed();
        });
    kind.setId("device-kind");
    kind.setLabel("Add device");
    kind.setItems(KINDS);
    kind.setValue(NEW_DISK);
    kind.addValueChangeListener(
        e -> {
          image.setVisible(NEW_DISK.equals(e.getValue()));
          size.setVisible(NEW_DISK.equals(e.getValue()));
        });
    name.setId("device-name");
    image.setId("device-image");
    image.setValue("demo");
    size.setId("device-size");
    size.setPlaceholder("image size");
    Button add =
        new Button(
            "Add",
            e -> {
              if (name.getValue().isBlank()) {
                name.setInvalid(true);
                name.setErrorMessage("a device needs a name");
                return;
              }
              name.setInvalid(false);
              boolean isNew = NEW_DISK.equals(kind.getValue());
              devices.add(
                  new Device(
                      kind.getValue(),
                      name.getValue().trim(),
                      isNew ? "ClusterVirtualImage" : null,
                      isNew ? image.getValue().trim() : null,
                      isNew ? size.getValue().trim() : null));
              name.clear();
              changed();
            });
    add.setId("device-add");
    HorizontalLayout adder = new HorizontalLayout(kind, name, image, size, add);
    adder.setAlignItems(FlexComponent.Alignment.BASELINE);
    add(grid, adder);
  }

  void onChange(Runnable listener) {
    this.onChange = listener;
  }

  private void move(Device d, int to) {
    if (to < 0) {
      return;
    }
    devices.remove(d);
    devices.add(to, d);
    changed();
  }

  private void changed() {
    grid.setItems(devices);
    onChange.run();
  }

  /** The rows from a VM's blockDeviceRefs; devices the form made before keep their "new" facts. */
  void set(List<String[]> refs, List<NewDisk> newDisks) {
    devices.clear();
    for (String[] ref : refs) {
      NewDisk made =
          "VirtualDisk".equals(ref[0])
              ? newDisks.stream().filter(n -> n.name().equals(ref[1])).findFirst().orElse(null)
              : null;
      devices.add(
          made == null
              ? new Device(ref[0], ref[1], null, null, null)
              : new Device(NEW_DISK, made.name(), made.imageKind(), made.imageName(), made.size()));
    }
    grid.setItems(devices);
  }

  /** {kind, name} per device, in boot order. */
  List<String[]> refs() {
    return devices.stream().map(d -> new String[] {d.refKind(), d.name()}).toList();
  }

  List<NewDisk> newDisks() {
    return devices.stream()
        .filter(Device::isNew)
        .map(d -> new NewDisk(d.name(), d.imageKind(), d.imageName(), d.size()))
        .toList();
  }

  /** Renames the new disks whose names start with the prefix (the VM's name as it was). */
  void renamePrefix(String before, String now) {
    boolean renamed = false;
    for (int i = 0; i < devices.size(); i++) {
      Device d = devices.get(i);
      if (d.isNew() && d.name().startsWith(before)) {
        String name = now + d.name().substring(before.length());
        devices.set(i, new Device(d.kind(), name, d.imageKind(), d.imageName(), d.size()));
        renamed = true;
      }
    }
    if (renamed) {
      changed();
    }
  }

  /** In edit mode the disks exist already: no new-disk rows. */
  void existingOnly() {
    kind.setItems(KINDS.subList(1, KINDS.size()));
    kind.setValue("VirtualDisk");
  }
}
