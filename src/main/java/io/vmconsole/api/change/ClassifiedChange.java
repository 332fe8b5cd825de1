package io.vmconsole.api.change;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of the edit panel: a changed field, current → desired, and whether it applies now or
 * needs a restart.
 *
 * @param path as in {@link FieldChange#path()}, or {@code metadata.labels} / {@code
 *     metadata.annotations}
 * @param current null when the field is added
 * @param desired null when the field is removed
 */
public record ClassifiedChange(
    String path,
    ChangeOperation operation,
    JsonNode current,
    JsonNode desired,
    ChangeAction action) {

  static ClassifiedChange of(FieldChange change) {
    return new ClassifiedChange(
        change.path(),
        change.operation(),
        change.currentValue(),
        change.desiredValue(),
        change.action());
  }

  public boolean needsRestart() {
    return action == ChangeAction.RESTART;
  }
}
