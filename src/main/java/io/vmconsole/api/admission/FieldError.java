package io.vmconsole.api.admission;

/**
 * A broken rule on one field.
 *
 * @param field the field's path as Kubernetes prints it, e.g. {@code spec.provisioning.userData}
 * @param rule what the rule says, e.g. {@code must be at most 2048 bytes}
 */
public record FieldError(String field, String rule) {

  /** The message as kubectl and the UI show it. */
  public String message() {
    return field + ": " + rule;
  }
}
