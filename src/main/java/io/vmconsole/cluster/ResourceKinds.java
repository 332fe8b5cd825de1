package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The kinds the console reads as raw objects, so that a malformed one can still be listed. */
public final class ResourceKinds {
  public static final String GROUP = "virtualization.deckhouse.io";
  public static final String VERSION = "v1alpha2";

  public static final ResourceDefinitionContext VIRTUAL_MACHINE =
      custom("VirtualMachine", "virtualmachines", true);
  public static final ResourceDefinitionContext VIRTUAL_MACHINE_OPERATION =
      custom("VirtualMachineOperation", "virtualmachineoperations", true);
  public static final ResourceDefinitionContext VIRTUAL_MACHINE_IP_ADDRESS =
      custom("VirtualMachineIPAddress", "virtualmachineipaddresses", true);
  public static final ResourceDefinitionContext VIRTUAL_MACHINE_IP_ADDRESS_LEASE =
      custom("VirtualMachineIPAddressLease", "virtualmachineipaddressleases", false);
  public static final ResourceDefinitionContext VIRTUAL_DISK =
      custom("VirtualDisk", "virtualdisks", true);
  public static final ResourceDefinitionContext VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT =
      custom("VirtualMachineBlockDeviceAttachment", "virtualmachineblockdeviceattachments", true);
  public static final ResourceDefinitionContext VIRTUAL_IMAGE =
      custom("VirtualImage", "virtualimages", true);
  public static final ResourceDefinitionContext CLUSTER_VIRTUAL_IMAGE =
      custom("ClusterVirtualImage", "clustervirtualimages", false);
  public static final ResourceDefinitionContext VIRTUAL_MACHINE_CLASS =
      custom("VirtualMachineClass", "virtualmachineclasses", false);
  public static final ResourceDefinitionContext MODULE_CONFIG =
      new ResourceDefinitionContext.Builder()
          .withGroup("deckhouse.io")
          .withVersion("v1alpha1")
          .withKind("ModuleConfig")
          .withPlural("moduleconfigs")
          .withNamespaced(false)
          .build();
  public static final ResourceDefinitionContext NODE = core("Node", "nodes", false);
  public static final ResourceDefinitionContext POD = core("Pod", "pods", true);
  public static final ResourceDefinitionContext SECRET = core("Secret", "secrets", true);
  public static final ResourceDefinitionContext EVENT = core("Event", "events", true);
  public static final ResourceDefinitionContext NAMESPACE = core("Namespace", "namespaces", false);

  private static ResourceDefinitionContext custom(String kind, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(GROUP)
        .withVersion(VERSION)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }

  private static ResourceDefinitionContext core(String kind, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("")
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }

  private ResourceKinds() {}
}
