package io.vmconsole.api.vmop;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An action on a VM (start, stop, migrate, ...). Its spec is immutable: a new action is a new
 * object.
 */
@Group("virtualization.deckhouse.io")
@Version("v1alpha2")
@Plural("virtualmachineoperations")
@ShortNames("vmop")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.progress", type = Type.STRING)
@AdditionalPrinterColumn(name = "Type", jsonPath = ".spec.type", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "VirtualMachine",
    jsonPath = ".spec.virtualMachineName",
    type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class VirtualMachineOperation
    extends CustomResource<VirtualMachineOperationSpec, VirtualMachineOperationStatus>
    implements Namespaced {
  /**
   * Our annotation on an Evict/Migrate vmop: the migration's bandwidth limit in bytes per second, a
   * Kubernetes quantity such as {@code 8Mi} (absent: unlimited); the controller applies a change
   * live.
   */
  public static final String MIGRATION_BANDWIDTH = "vmconsole.io/migration-bandwidth";
}
