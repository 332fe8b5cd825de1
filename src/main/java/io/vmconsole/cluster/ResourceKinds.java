package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The kinds the console reads as raw objects, so that a malformed one can still be listed. */
public final class ResourceKinds {
  public static final String GROUP = "virtualization.deckhouse.io";
  public static final String VERSION = "v1alpha2";

  public static final ResourceDefinitionContext VIRTUAL_MACHINE =
      new ResourceDefinitionContext.Builder()
          .withGroup(GROUP)
          .withVersion(VERSION)
          .withKind("VirtualMachine")
          .withPlural("virtualmachines")
          .withNamespaced(true)
          .build();

  private ResourceKinds() {}
}
