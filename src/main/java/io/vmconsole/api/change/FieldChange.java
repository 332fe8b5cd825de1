package io.vmconsole.api.change;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmconsole.api.vm.RestartAwaitingChange;

/**
 * One changed field.
 *
 * @param path dotted as the controller prints it: {@code cpu.cores}, {@code blockDeviceRefs.1},
 *     {@code provisioning.userData}, {@code metadata.labels}
 * @param currentValue null when the field is added
 * @param desiredValue null when the field is removed
 */
public record FieldChange(
    ChangeOperation operation,
    String path,
    JsonNode currentValue,
    JsonNode desiredValue,
    ChangeAction action) {

  /**
   * A change whose operation follows from which side is absent and whose action the table gives.
   */
  static FieldChange of(String path, JsonNode currentValue, JsonNode desiredValue) {
    ChangeOperation operation = ChangeOperation.between(currentValue, desiredValue);
    ChangeAction action = ChangeRules.actionFor(path, operation, currentValue, desiredValue);
    return new FieldChange(operation, path, currentValue, desiredValue, action);
  }

  public boolean needsRestart() {
    return action == ChangeAction.RESTART;
  }

  /** The status item; absent values stay absent in its JSON. */
  public RestartAwaitingChange toRestartAwaitingChange() {
    return new RestartAwaitingChange(operation.wire(), path, currentValue, desiredValue);
  }
}
