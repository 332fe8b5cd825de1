package io.vmconsole.ipam.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.ipam.IpAddressService;
import io.vmconsole.security.Role;
import io.vmconsole.shell.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The VM address pool (ModuleConfig virtualization, settings.virtualMachineCIDRs), one CIDR a line.
 */
@Route(value = "settings/ip-pool", layout = MainLayout.class)
@PageTitle("IP pool · vm-console")
@RolesAllowed(Role.ADMIN_NAME)
public class IpPoolSettingsView extends VerticalLayout {

  public IpPoolSettingsView(IpAddressService service) {
    TextArea cidrs = new TextArea("virtualMachineCIDRs (one per line)");
    cidrs.setId("pool-cidrs");
    cidrs.setWidth("28em");
    cidrs.setValue(String.join("\n", service.cidrs()));
    Button save =
        new Button(
            "Save",
            e -> {
              cidrs.setInvalid(false);
              try {
                service.saveCidrs(
                    Arrays.stream(cidrs.getValue().split("\\R"))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList());
                Notification.show("Pool saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
              } catch (InvalidInputException ex) {
                cidrs.setInvalid(true);
                cidrs.setErrorMessage(
                    ex.errors().stream()
                        .map(FieldError::message)
                        .collect(Collectors.joining("; ")));
              }
            });
    save.setId("save-pool");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    add(
        new H2("IP address pool"),
        new Paragraph(
            "Addresses for VMs come from these CIDRs, lowest first; the "
                + "network and broadcast address of each, and its first two usable addresses (gateway, DNS), are "
                + "never given to a VM. A CIDR with leased addresses can't be removed."),
        cidrs,
        save);
  }
}
