package io.vmconsole.ipam;

import com.vaadin.flow.component.Component;
import io.vmconsole.ipam.ui.KeepIpToggle;
import io.vmconsole.security.Access;

/** What other features' pages show of IP management (the only UI entry of this feature). */
@org.springframework.stereotype.Component
public class IpNavigation {
  private final IpAddressService ips;
  private final Access access;

  public IpNavigation(IpAddressService ips, Access access) {
    this.ips = ips;
    this.access = access;
  }

  /** The VM's vmip with the keep-IP toggle. */
  public Component vmIp(String namespace, String vmName, String vmUid) {
    return KeepIpToggle.of(ips, access, namespace, vmName, vmUid);
  }
}
