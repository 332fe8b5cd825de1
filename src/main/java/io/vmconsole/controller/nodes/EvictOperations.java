package io.vmconsole.controller.nodes;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.vmconsole.api.vmop.VirtualMachineOperation;
import io.vmconsole.api.vmop.VirtualMachineOperationSpec;
import io.vmconsole.api.vmop.VirtualMachineOperationSpec.OperationType;
import java.util.Map;

/** The Evict operation a drain or a pod eviction asks for: one shape, two name prefixes. */
final class EvictOperations {
  private EvictOperations() {}

  /**
   * @param prefix what the generated name starts with ("drain", "evict")
   * @param labels why it was asked (and, for a drain, for which node)
   */
  static VirtualMachineOperation evict(
      String namespace, String vmName, String prefix, Map<String, String> labels) {
    VirtualMachineOperation op = new VirtualMachineOperation();
    op.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            // The VM name cut short: the prefix is a hint for people, the suffix makes it unique.
            .withGenerateName(
                prefix + "-" + (vmName.length() > 40 ? vmName.substring(0, 40) : vmName) + "-")
            .withLabels(labels)
            .build());
    op.setSpec(
        new VirtualMachineOperationSpec(OperationType.Evict, vmName, null, null, null, null));
    return op;
  }
}
