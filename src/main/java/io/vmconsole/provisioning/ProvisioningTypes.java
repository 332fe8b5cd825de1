package io.vmconsole.provisioning;

import java.util.List;

/** The two Secret types a VM's provisioning may name, and the keys each carries (api.md §1.1). */
public final class ProvisioningTypes {
  public static final String CLOUD_INIT = "provisioning.virtualization.deckhouse.io/cloud-init";
  public static final String SYSPREP = "provisioning.virtualization.deckhouse.io/sysprep";
  public static final List<String> TYPES = List.of(CLOUD_INIT, SYSPREP);

  private ProvisioningTypes() {}

  /** The keys the type allows; cloud-init needs userData, sysprep at least one answer file. */
  public static List<String> keys(String type) {
    return CLOUD_INIT.equals(type)
        ? List.of("userData")
        : List.of("autounattend.xml", "unattend.xml");
  }
}
