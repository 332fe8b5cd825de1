package io.vmconsole.ipam.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.ipam.IpAddressService;
import java.util.function.Supplier;

/**
 * Reserve a static address: a Static vmip. Refusals land on the field they name; what was typed
 * stays.
 */
class ReserveForm extends HorizontalLayout {
  private final TextField name = new TextField("Name");
  private final TextField address = new TextField("Static IP");
  private final Span general = new Span();

  ReserveForm(IpAddressService service, Supplier<String> namespace, Runnable onReserved) {
    name.setId("reserve-name");
    name.setPlaceholder("linux-vm-custom-ip");
    address.setId("reserve-address");
    address.setPlaceholder("10.66.20.77");
    general.setId("reserve-error");
    general.getStyle().set("color", "var(--lumo-error-text-color)");
    Button reserve =
        new Button(
            "Reserve",
            e -> {
              name.setInvalid(false);
              address.setInvalid(false);
              general.setText("");
              try {
                service.reserveStatic(namespace.get(), name.getValue(), address.getValue());
                Notification.show("Reserved " + address.getValue() + " as " + name.getValue())
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                name.clear();
                address.clear();
                onReserved.run();
              } catch (InvalidInputException ex) {
                ex.errors().forEach(this::show);
              }
            });
    reserve.setId("reserve");
    reserve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    add(name, address, reserve, general);
    setAlignItems(FlexComponent.Alignment.BASELINE);
  }

  private void show(FieldError error) {
    TextField field =
        error.field().startsWith("metadata.name")
            ? name
            : error.field().startsWith("spec.staticIP") ? address : null;
    if (field == null) {
      general.setText(error.message());
      return;
    }
    field.setInvalid(true);
    field.setErrorMessage(error.message());
  }
}
