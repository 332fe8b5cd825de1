package io.vmconsole.api.vm;

import java.util.List;

/**
 * Annotations that hold a copy of a VM's spec, and so whatever the spec holds (inline cloud-init
 * with its passwords among it): whoever may not read the spec's secrets may not read these either.
 */
public final class VmSpecCopies {

  /** The spec of the VM's last start, kept by the controller. */
  public static final String LAST_STARTED_SPEC = "vmconsole.io/last-started-spec";

  /** What {@code kubectl apply} last applied. */
  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  public static final List<String> ALL = List.of(LAST_STARTED_SPEC, LAST_APPLIED);

  private VmSpecCopies() {}
}
