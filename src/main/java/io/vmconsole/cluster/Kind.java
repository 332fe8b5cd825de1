package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The kinds the controller and the topology read and write, named without the client's types. */
public enum Kind {
  VIRTUAL_MACHINE(ResourceKinds.VIRTUAL_MACHINE),
  VIRTUAL_MACHINE_OPERATION(ResourceKinds.VIRTUAL_MACHINE_OPERATION),
  VIRTUAL_MACHINE_IP_ADDRESS(ResourceKinds.VIRTUAL_MACHINE_IP_ADDRESS),
  VIRTUAL_DISK(ResourceKinds.VIRTUAL_DISK),
  VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT(ResourceKinds.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT),
  VIRTUAL_IMAGE(ResourceKinds.VIRTUAL_IMAGE),
  CLUSTER_VIRTUAL_IMAGE(ResourceKinds.CLUSTER_VIRTUAL_IMAGE),
  VIRTUAL_MACHINE_CLASS(ResourceKinds.VIRTUAL_MACHINE_CLASS),
  MODULE_CONFIG(ResourceKinds.MODULE_CONFIG),
  NODE(ResourceKinds.NODE),
  POD(ResourceKinds.POD),
  SECRET(ResourceKinds.SECRET),
  EVENT(ResourceKinds.EVENT),
  NAMESPACE(ResourceKinds.NAMESPACE);

  private final ResourceDefinitionContext context;

  Kind(ResourceDefinitionContext context) {
    this.context = context;
  }

  ResourceDefinitionContext context() {
    return context;
  }
}
