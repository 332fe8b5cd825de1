package io.vmconsole.ipam.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.vmconsole.ipam.IpAddressService;
import io.vmconsole.security.Access;

/**
 * The VM page's "Keep this IP after the VM is deleted": the vmip's owner references go (the seed's
 * {@code kubectl patch vmip … ownerReferences: null}) or the VM becomes its owner again.
 */
public final class KeepIpToggle {
  private KeepIpToggle() {}

  public static HorizontalLayout of(
      IpAddressService ips, Access access, String namespace, String vmName, String vmUid) {
    HorizontalLayout row = new HorizontalLayout();
    row.setId("vm-ip");
    row.setAlignItems(HorizontalLayout.Alignment.BASELINE);
    ips.ipOf(namespace, vmName)
        .ifPresentOrElse(
            ip -> {
              Span name = new Span("VirtualMachineIPAddress " + ip.vmipName());
              name.setId("vm-ip-name");
              Checkbox keep = new Checkbox("Keep this IP after the VM is deleted", ip.kept());
              keep.setId("keep-ip");
              keep.setEnabled(access.canOperate(namespace));
              keep.addValueChangeListener(
                  e -> {
                    if (e.isFromClient()) {
                      ips.keepAfterVmDeletion(
                          namespace, ip.vmipName(), e.getValue(), vmName, vmUid);
                      Notification.show(
                          e.getValue()
                              ? ip.address()
                                  + " stays reserved in "
                                  + namespace
                                  + " after "
                                  + vmName
                                  + " is deleted"
                              : ip.address() + " goes with " + vmName);
                    }
                  });
              row.add(name, keep);
            },
            () -> row.add(new Span("No VirtualMachineIPAddress attached yet")));
    return row;
  }
}
