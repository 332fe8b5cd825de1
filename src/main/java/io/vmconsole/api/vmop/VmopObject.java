package io.vmconsole.api.vmop;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.common.StoredObject;
import io.vmconsole.api.vmop.VirtualMachineOperationSpec.OperationType;
import java.util.Optional;

/**
 * A stored VirtualMachineOperation read through typed accessors.
 */
public final class VmopObject extends StoredObject {
  private VmopObject(JsonNode json) {
    super(json);
  }

  public static VmopObject of(JsonNode json) {
    return new VmopObject(json);
  }

  /** spec.virtualMachineName. */
  public String vmName() {
    return json.path("spec").path("virtualMachineName").asText();
  }

  public Optional<OperationType> type() {
    return OperationType.of(json.path("spec").path("type").asText(""));
  }

  public boolean isLiveMigration() {
    return type().map(OperationType::isLiveMigration).orElse(false);
  }

  /** Whether this operation acts on that VM. */
  public boolean concerns(String namespace, String vmName) {
    return namespace.equals(namespace()) && vmName.equals(vmName());
  }

  /** status.phase; empty before the controller wrote one. */
  public Optional<VmopPhase> phase() {
    return VmopPhase.of(json.path("status").path("phase").asText(""));
  }

  /** Over: in a final phase, or being deleted (which cancels it). */
  public boolean isOver() {
    return deleting() || phase().map(VmopPhase::isFinal).orElse(false);
  }
}
